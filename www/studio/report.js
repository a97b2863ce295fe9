// The report after opening the files: counts, then every diagnostic with its file and line.

import { el } from './dom.js';

/** Renders `opened` (`{ ok, report, diagnostics }` from the studio handle) into `container`. */
export function renderReport(container, opened, notes = []) {
  container.replaceChildren();
  if (!opened) {
    container.append(el('p', {}, 'Aucun fichier ouvert.'));
    return;
  }
  const r = opened.report ?? {};
  if (!opened.ok) {
    container.append(el('p', { class: 'error' }, 'Ces fichiers ne donnent pas de carte : corrigez les erreurs ci-dessous.'));
  } else {
    container.append(el('ul', { class: 'counts' },
      el('li', {}, el('strong', {}, String(r.contributions)), ' contributions sur la carte'),
      el('li', {}, el('strong', {}, String(r.classified)), ' classées'),
      el('li', {}, el('strong', {}, String(r.unclassified)), ' sans levier'),
      el('li', {}, el('strong', {}, String(r.chosen)), ' classées ici'),
      el('li', {}, el('strong', {}, String(r.errors)), ' erreurs (lignes écartées)'),
      el('li', {}, el('strong', {}, String(r.warnings)), ' avertissements')));
  }
  const items = [...notes.map((n) => ({ severity: 'warning', text: n })), ...(opened.diagnostics ?? [])];
  if (items.length) {
    container.append(el('h3', {}, `Messages (${items.length})`));
    container.append(el('ul', { class: 'diagnostics' },
      ...items.map((d) => el('li', { class: d.severity }, d.text))));
  }
}
