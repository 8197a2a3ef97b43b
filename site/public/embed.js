/*
 * bangdan embed sizing: give each <iframe data-bangdan-embed> the height its page posts.
 * Only messages from the frame's own window and origin are believed. Safe to include many times.
 */
(function () {
  if (window.__bangdanEmbed) return;
  window.__bangdanEmbed = true;
  function frames() {
    return document.querySelectorAll("iframe[data-bangdan-embed]");
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "bangdan:height" || typeof data.height !== "number" || !isFinite(data.height)) return;
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var frame = list[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try {
        origin = new URL(frame.src, location.href).origin;
      } catch {
        continue;
      }
      if (origin !== event.origin) continue;
      var height = Math.max(40, Math.min(Math.ceil(data.height), 20000));
      frame.style.height = height + "px";
      frame.setAttribute("height", String(height));
    }
  });
  // Frames that loaded before this script posted their height already: ask again.
  function ping() {
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      try {
        list[i].contentWindow.postMessage({ type: "bangdan:ping" }, "*");
      } catch {
        /* a frame not loaded yet posts on its own load */
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ping);
  else ping();
})();
