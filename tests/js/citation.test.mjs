import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dom, T } from './dom.mjs';
import { citationUrl, citationText, citationNode, serialize, copyCitation, build } from '../../www/src/ui/citation.js';

const C = {
  id: 'c5',
  text: 'le sujet <important> & "sûr"',
  attribution: 'Claude Morin, maire, Nouans (72), 2021',
  fragment: 'cm.motion=s~c5',
  plain: '« le sujet <important> & "sûr" » — Claude Morin, maire, Nouans (72), 2021',
};

test('the link is the page with the map\'s view of the contribution as its fragment', () => {
  assert.equal(citationUrl('https://ex.org/p?q=1#old', C.fragment), 'https://ex.org/p?q=1#cm.motion=s~c5');
  assert.equal(citationUrl('https://ex.org/p', ''), 'https://ex.org/p');
});

test('plain text: the quote, who and where, then the link', () => {
  assert.equal(citationText(C, 'https://ex.org/#x'), `${C.plain}\nhttps://ex.org/#x`);
});

test('HTML is built from text nodes: untrusted words are escaped', () => {
  const { document } = dom();
  const node = citationNode(document, C, 'https://ex.org/?a=1&b="2"#x');
  assert.equal(node.querySelector('blockquote').textContent, '« le sujet <important> & "sûr" »');
  assert.equal(node.querySelector('a').getAttribute('href'), 'https://ex.org/?a=1&b="2"#x');
  const html = serialize(document, node);
  assert.ok(html.includes('le sujet &lt;important&gt; &amp;'), html);
  assert.ok(!html.includes('<important>'));
  assert.ok(html.includes('— Claude Morin, maire, Nouans (72), 2021, <a'));
});

test('copy: plain text and HTML when the browser can, plain text otherwise', async () => {
  const { document, window } = dom();
  const written = [];
  window.ClipboardItem = class { constructor(parts) { this.parts = parts; } };
  const rich = { write: async (items) => { written.push(items); } };
  const text = await copyCitation(document, rich, C, 'https://ex.org/#x');
  assert.equal(text, `${C.plain}\nhttps://ex.org/#x`);
  assert.deepEqual(Object.keys(written[0][0].parts), ['text/plain', 'text/html']);
  assert.equal(await written[0][0].parts['text/plain'].text(), text);
  assert.ok((await written[0][0].parts['text/html'].text()).includes('&lt;important&gt;'));
  delete window.ClipboardItem;
  let plain = null;
  await copyCitation(document, { writeText: async (s) => { plain = s; } }, C, '');
  assert.equal(plain, C.plain);
  await assert.rejects(copyCitation(document, null, C, ''));
});

test('the button says whether the citation was copied', async () => {
  const { document } = dom();
  let ok = true;
  const p = build(document, { onCopy: async () => ok });
  p.applyText(T);
  assert.equal(p.button.textContent, 'Copier la citation');
  p.button.click();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(p.status.textContent, 'Citation copiée.');
  ok = false;
  p.button.click();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(p.status.textContent, 'Copie impossible.');
});
