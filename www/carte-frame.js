// Optional, on the host page of an <iframe src=".../carte.html?...">: gives each such frame the
// height its map asks for. Without it the frame keeps the height the page gives it.
//
//   <iframe src="BASE/carte.html?src=motion.json" title="Carte mentale de la motion"
//           style="width:100%;height:560px;border:0" loading="lazy"></iframe>
//   <script src="BASE/carte-frame.js" async></script>
//
// Only messages from a frame of this page whose address is a carte.html of this script's own
// folder are obeyed, and only a height between 200 and 4000 px.
(function () {
  var base = new URL('./carte.html', document.currentScript ? document.currentScript.src : location.href).href;
  function frames() {
    return Array.prototype.filter.call(document.getElementsByTagName('iframe'), function (f) {
      return f.src && f.src.split('?')[0] === base;
    });
  }
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.type !== 'carte-mentale:height' || typeof d.height !== 'number') return;
    var h = Math.round(d.height);
    if (!(h >= 200 && h <= 4000)) return;
    frames().forEach(function (f) {
      if (f.contentWindow === e.source) f.style.height = h + 'px';
    });
  });
  // Frames that loaded before this script: ask again.
  frames().forEach(function (f) {
    if (f.contentWindow) f.contentWindow.postMessage({ type: 'carte-mentale:ask-height' }, '*');
  });
})();
