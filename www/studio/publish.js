// Publishing: the downloads and the two snippets (script tag, or iframe for site editors that
// strip scripts). Snippets are shown in read-only text areas (text, never HTML).

/** The published file name of the map: the outline's name with `.json`. */
export function jsonName(outlineName) {
  const base = (outlineName || 'motion').replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-') || 'motion';
  return `${base}.json`;
}

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value) {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The two snippets for a map published as `name` in the release folder `base` (no trailing /). */
export function snippets(base, name, title = 'Carte mentale de la motion') {
  return {
    script: `<script type="module" src="${attr(base)}/carte-mentale.js"></script>\n`
      + `<carte-mentale src="${attr(base)}/${attr(name)}"></carte-mentale>`,
    frame: `<iframe src="${attr(base)}/carte.html?src=${attr(encodeURIComponent(name))}" title="${attr(title)}"\n`
      + `        style="width:100%;height:560px;border:0" loading="lazy"></iframe>\n`
      + `<script src="${attr(base)}/carte-frame.js" async></script>`,
  };
}

/** Offers `text` as a file to download. */
export function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
