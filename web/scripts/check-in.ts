/**
 * The check-in page's only script (served as /static/check-in.js; CSP allows scripts from 'self'
 * only, so nothing is inline). It asks the browser for the phone's location and fills the form's
 * hidden fields; when the phone refuses or cannot, it picks the matching reason. A tap before the
 * location arrives waits for it (at most the geolocation timeout) and then submits by itself.
 * Without JavaScript the form still works: it posts without a location, reason "手机不支持定位".
 * Written as ES5 for old phone browsers.
 */
export const CHECK_IN_JS = `(function () {
  var form = document.getElementById("check-in-form");
  if (!form) return;
  var f = form.elements;
  var status = document.getElementById("check-in-location");
  var reasonBox = document.getElementById("no-location");
  var state = "idle";
  var waiting = false;
  function say(t) { if (status) status.textContent = t; }
  function finish() {
    state = "done";
    if (waiting) form.submit();
  }
  if (!navigator.geolocation) { f.noLocationReason.value = "unsupported"; say("手机不支持定位，将不带位置签到"); return; }
  state = "locating";
  f.noLocationReason.value = "unavailable";
  say("正在获取位置…");
  navigator.geolocation.getCurrentPosition(function (p) {
    f.latitude.value = p.coords.latitude.toFixed(6);
    f.longitude.value = p.coords.longitude.toFixed(6);
    f.accuracy.value = String(Math.round(p.coords.accuracy));
    if (reasonBox) reasonBox.hidden = true;
    say("已定位，精度约 " + Math.round(p.coords.accuracy) + " 米");
    finish();
  }, function (e) {
    f.noLocationReason.value = e.code === 1 ? "denied" : "unavailable";
    say(e.code === 1 ? "未允许定位，将不带位置签到" : "暂时无法定位，将不带位置签到");
    finish();
  }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  form.addEventListener("submit", function (ev) {
    if (state === "locating") {
      ev.preventDefault();
      waiting = true;
      say("正在获取位置，获取后自动签到…");
    }
  });
})();
`;
