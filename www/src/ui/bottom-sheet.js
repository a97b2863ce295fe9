// On a phone the panel is a bottom sheet: a handle drags it between a peek, half and full
// height (keyboard: the handle's arrows; a click steps up), and the map above it keeps the
// selection in view (the element tells the map how much the sheet covers).

/** The sheet's heights in pixels for a frame `height` px tall: peek, half, full. */
export function snapHeights(height) {
  const h = Math.max(0, height);
  return { peek: Math.min(120, h * 0.3), half: h * 0.5, full: Math.max(0, h - 56) };
}

/** The snap nearest to a dragged height (`heights` from snapHeights). */
export function nearestSnap(px, heights) {
  let best = 'half';
  let d = Infinity;
  for (const [name, h] of Object.entries(heights)) {
    if (Math.abs(h - px) < d) {
      d = Math.abs(h - px);
      best = name;
    }
  }
  return best;
}

const ORDER = ['peek', 'half', 'full'];

/**
 * The sheet's handle for `panel` (the panel element). `frameHeight()` gives the element's height;
 * `onChange(coveredPx)` is told how much of the map the sheet covers after each change.
 */
export function build(doc, panel, { frameHeight, onChange }) {
  const handle = doc.createElement('button');
  handle.type = 'button';
  handle.className = 'sheet-handle';
  let t = null;
  let snap = 'half';
  let phone = false;
  let open = false;
  let drag = null;

  const apply = (px) => {
    panel.style.height = `${Math.round(px)}px`;
    onChange?.(phone && open ? px : 0);
  };
  const label = () => {
    if (!t) return;
    handle.setAttribute('aria-label', t.sheetHandle(t.sheetSizes[snap]));
    handle.title = handle.getAttribute('aria-label');
  };
  const set = (name) => {
    snap = name;
    panel.dataset.snap = name;
    label();
    if (phone && open) apply(snapHeights(frameHeight())[name]);
  };

  handle.addEventListener('click', () => {
    if (drag?.moved) return;
    set(ORDER[(ORDER.indexOf(snap) + 1) % ORDER.length]);
  });
  handle.addEventListener('keydown', (e) => {
    const k = ORDER.indexOf(snap);
    if (e.key === 'ArrowUp') set(ORDER[Math.min(k + 1, 2)]);
    else if (e.key === 'ArrowDown') set(ORDER[Math.max(k - 1, 0)]);
    else return;
    e.preventDefault();
    e.stopPropagation();
  });
  handle.addEventListener('pointerdown', (e) => {
    if (!phone) return;
    drag = { y: e.clientY, from: snapHeights(frameHeight())[snap], moved: false };
    handle.setPointerCapture?.(e.pointerId);
  });
  handle.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dy = drag.y - e.clientY;
    if (Math.abs(dy) > 4) drag.moved = true;
    if (!drag.moved) return;
    const hs = snapHeights(frameHeight());
    panel.style.height = `${Math.round(Math.min(hs.full, Math.max(hs.peek, drag.from + dy)))}px`;
  });
  const end = (e) => {
    if (!drag) return;
    const moved = drag.moved;
    if (moved) {
      const px = drag.from + (drag.y - e.clientY);
      set(nearestSnap(px, snapHeights(frameHeight())));
    }
    // The click that follows a drag is not a step.
    setTimeout(() => { drag = null; }, 0);
    if (!moved) drag = null;
  };
  handle.addEventListener('pointerup', end);
  handle.addEventListener('pointercancel', end);

  return {
    root: handle,
    get snap() { return snap; },
    applyText(text) {
      t = text;
      label();
    },
    /** `{ phone, open }`: a sheet on a phone, a side panel otherwise. */
    sync(state) {
      phone = !!state.phone;
      open = !!state.open;
      handle.hidden = !phone;
      panel.classList.toggle('bottom-sheet', phone);
      if (!phone) {
        panel.style.removeProperty('height');
        delete panel.dataset.snap;
        onChange?.(0);
        return;
      }
      set(snap);
      if (!open) onChange?.(0);
    },
    set,
  };
}
