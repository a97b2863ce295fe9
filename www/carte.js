// The full-page viewer carte.html, for site editors that strip <script> from pages: the host
// page holds only an <iframe src=".../carte.html?src=motion.json">, and this page builds the
// same <carte-mentale> element with the options given as URL parameters (the element's
// attribute names). The data must come from this page's own site: a link crafted to show
// another site's text under this address is refused.
//
// When the host page also loads carte-frame.js (optional), the frame's height follows the map's
// through postMessage; without it the <iframe>'s own height applies.

import './carte-mentale.js';

/** URL parameters passed on to the element, as its attributes. */
export const OPTIONS = ['src', 'contributions', 'lang', 'theme', 'lever', 'zoom', 'height'];
/** Options that name a data file: same origin only. */
const FILES = new Set(['src', 'contributions']);
const VALUES = {
  lang: /^(fr|en)$/,
  theme: /^(light|dark)$/,
  zoom: /^(fit|[0-9]+(\.[0-9]+)?)$/,
  height: /^[0-9]{2,4}(px)?$/,
  lever: /^[A-Za-z0-9_.:-]{1,100}$/,
};

/**
 * The element's attributes from a query string, or `{ error }` in French. Data files must
 * resolve to `origin`; unknown parameters are ignored, invalid values refused.
 */
export function optionsFrom(search, base, origin) {
  const params = new URLSearchParams(search);
  const attrs = {};
  for (const name of OPTIONS) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    if (FILES.has(name)) {
      let url;
      try {
        url = new URL(value, base);
      } catch {
        return { error: `Adresse de données invalide : « ${name} ».` };
      }
      if (url.origin !== origin) {
        return { error: `Les données (« ${name} ») doivent venir du même site que la carte.` };
      }
      attrs[name] = url.href;
    } else if (VALUES[name] && !VALUES[name].test(value)) {
      return { error: `Valeur invalide pour « ${name} ».` };
    } else {
      attrs[name] = value;
    }
  }
  if (!attrs.src) return { error: 'Aucune carte indiquée : ajoutez ?src=motion.json à l’adresse.' };
  return { attrs };
}

/** Tells the parent page the height this page wants (carte-frame.js listens). */
function postHeight(height) {
  if (window.parent === window) return;
  window.parent.postMessage({ type: 'carte-mentale:height', height: Math.ceil(height) }, '*');
}

if (typeof document !== 'undefined' && document.getElementById('carte')) {
  const main = document.getElementById('carte');
  const message = document.getElementById('carte-message');
  const { attrs, error } = optionsFrom(location.search, location.href, location.origin);
  if (error) {
    message.textContent = error;
  } else {
    const el = document.createElement('carte-mentale');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (attrs.lang) document.documentElement.lang = attrs.lang;
    // Alone in a frame: the map fills it; the height asked of the host is the option's (or 560).
    const wanted = Number.parseInt(attrs.height ?? '560', 10);
    message.remove();
    main.append(el);
    el.addEventListener('carte-mentale-ready', (e) => {
      if (e.detail?.title) document.title = e.detail.title;
    });
    postHeight(wanted);
    window.addEventListener('message', (e) => {
      if (e.source === window.parent && e.data?.type === 'carte-mentale:ask-height') postHeight(wanted);
    });
  }
}
