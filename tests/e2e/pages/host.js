// The host page's own script: a counter that must keep working whatever the maps do.
const button = document.getElementById('counter');
button.addEventListener('click', () => {
  button.dataset.clicks = String(Number(button.dataset.clicks ?? 0) + 1);
  button.textContent = `Clics : ${button.dataset.clicks}`;
});
// Collapsed tabs: <button data-tab="id"> toggles the `hidden` attribute of its panel.
for (const tab of document.querySelectorAll('[data-tab]')) {
  tab.addEventListener('click', () => {
    const panel = document.getElementById(tab.dataset.tab);
    panel.hidden = !panel.hidden;
  });
}
