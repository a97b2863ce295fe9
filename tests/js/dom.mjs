// A DOM for the UI parts' unit tests (linkedom, pinned in package.json), and the strings
// the parts read, as the element's TEXT table gives them.
import { parseHTML } from 'linkedom';

export function dom() {
  const { document, window } = parseHTML('<!doctype html><html lang="fr"><body></body></html>');
  return { document, window };
}

export const T = {
  contributions: (n) => (n === 0 ? 'Aucune contribution' : `${n} contribution${n > 1 ? 's' : ''}`),
  keptOf: (k, n) => `${k} sur ${n}`,
  sortBy: 'Trier par',
  sortKeys: { map: 'ordre de la carte', department: 'département', label: 'label', author: 'auteur' },
  contributionsList: 'Contributions du levier',
  noneKept: 'Aucune contribution ne passe la recherche et les filtres.',
  readMore: 'Lire la suite',
  readLess: 'Réduire',
  copyCitation: 'Copier la citation',
  citationCopied: 'Citation copiée.',
  citationFailed: 'Copie impossible.',
  arobases: (n) => `${n} arobase${n > 1 ? 's' : ''}`,
  chartsTotal: (n) => `${n} contributions`,
  chartTitles: { levers: 'Par levier', departments: 'Par département', labels: 'Par label', years: 'Par année' },
  barFilter: (name, n) => `${name} : ${n} — filtrer`,
  barOpen: (name, n) => `${name} : ${n} — ouvrir`,
  otherDepartments: (n) => `Autres départements : ${n}`,
  unclassifiedCount: (n) => `Non classées : ${n}`,
  sheetHandle: (size) => `Poignée du panneau (${size})`,
  sheetSizes: { peek: 'réduit', half: 'moitié', full: 'plein écran' },
};
