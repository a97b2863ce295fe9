// What an axis or the motion holds, as small bar charts in plain HTML: contributions per
// lever, per department (the ten largest), per label and per year. Each bar is a button
// that filters on its value in one click (a lever's bar opens the lever); its text says
// what it counts, so screen readers read the chart as a list. No chart library.

/** Bar widths in percent of the largest count (a non-zero count is never drawn empty). */
export function widths(bars) {
  const max = Math.max(0, ...bars.map((b) => b.count));
  return bars.map((b) => (max === 0 || b.count === 0 ? 0 : Math.max(2, Math.round((b.count / max) * 100))));
}

function make(doc, tag, cls, text) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/** The summary's charts, in this order; `field` is the filter a bar sets (null: the lever opens). */
const CHARTS = [
  { key: 'levers', field: null },
  { key: 'departments', field: 'departments' },
  { key: 'labels', field: 'labels' },
  { key: 'years', field: 'years' },
];

/**
 * The charts part. `onBar(field, value)`: a bar was clicked (`field` null for a lever: `value`
 * is its id; otherwise the filter field and the value to toggle).
 */
export function build(doc, { onBar }) {
  const root = make(doc, 'section', 'charts');
  const total = make(doc, 'p', 'charts-total');
  root.append(total);
  const figures = {};
  for (const c of CHARTS) {
    const title = make(doc, 'h3', 'chart-title');
    title.id = `cm-chart-${c.key}`;
    const list = make(doc, 'ul', 'bars');
    list.setAttribute('aria-labelledby', title.id);
    const note = make(doc, 'p', 'chart-note');
    note.hidden = true;
    const fig = make(doc, 'div', `chart chart-${c.key}`);
    fig.append(title, list, note);
    root.append(fig);
    figures[c.key] = { fig, title, list, note };
  }
  root.addEventListener('click', (e) => {
    const b = e.target.closest?.('button[data-value]');
    if (!b) return;
    const field = b.dataset.field || null;
    onBar?.(field, b.dataset.value);
  });
  let t = null;
  let state = null;
  const part = {
    root,
    applyText(text) {
      t = text;
      if (state) part.sync(state);
    },
    /**
     * `{ summary, filters }`: the handle's `summary(id)` and the filters in force (`{ departments,
     * labels, years }`, arrays), which mark the bars that filter now.
     */
    sync(next) {
      state = next;
      if (!t || !next?.summary) return;
      const s = next.summary;
      const active = next.filters ?? {};
      total.textContent = t.chartsTotal(s.total);
      for (const c of CHARTS) {
        const { fig, title, list, note } = figures[c.key];
        const bars = s[c.key] ?? [];
        title.textContent = t.chartTitles[c.key];
        fig.hidden = bars.length === 0 || (c.key === 'levers' && bars.length < 2);
        list.replaceChildren();
        const w = widths(bars);
        bars.forEach((bar, k) => {
          const name = c.key === 'labels' ? t.arobases(Number(bar.value)) : bar.label;
          const b = make(doc, 'button', 'bar');
          b.type = 'button';
          b.dataset.value = bar.value;
          if (c.field) {
            b.dataset.field = c.field;
            const on = (active[c.field] ?? []).map(String).includes(String(bar.value));
            b.setAttribute('aria-pressed', String(on));
          }
          b.title = c.field ? t.barFilter(name, bar.count) : t.barOpen(name, bar.count);
          const label = make(doc, 'span', 'bar-label', c.key === 'labels' ? bar.label : name);
          if (c.key === 'labels') label.setAttribute('aria-label', name);
          const track = make(doc, 'span', 'bar-track');
          track.setAttribute('aria-hidden', 'true');
          const fill = make(doc, 'span', 'bar-fill');
          fill.style.width = `${w[k]}%`;
          track.append(fill);
          const n = make(doc, 'span', 'bar-count', String(bar.count));
          b.append(label, track, n);
          const li = make(doc, 'li');
          li.append(b);
          list.append(li);
        });
        const rest = c.key === 'departments' ? s.otherDepartments : c.key === 'levers' ? s.unclassified : 0;
        note.hidden = !rest;
        note.textContent = rest ? (c.key === 'departments' ? t.otherDepartments(rest) : t.unclassifiedCount(rest)) : '';
      }
    },
  };
  return part;
}
