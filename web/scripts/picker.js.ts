/**
 * The admin UI's one script: search-as-you-type for reference fields (web/components/picker.tsx).
 * Progressive enhancement only: each picker is a plain text input that the server resolves on
 * submit (a code or id as such, or a name it looks up, re-rendering with candidates when several
 * match), so nothing breaks without it. With it, typing fills the input's <datalist> from the
 * lookup API (`data-lookup`, same origin, session cookie), a quarter second after the last key.
 * Served from /static (CSP script-src 'self'; no inline script), versioned by content.
 */
export const PICKER_JS = `(function(){
"use strict";
function wire(input){
  var list=document.getElementById(input.getAttribute("list"));
  var url=input.getAttribute("data-lookup");
  if(!list||!url)return;
  var timer=0,last="",ctl=null;
  input.setAttribute("autocomplete","off");
  input.addEventListener("input",function(){
    clearTimeout(timer);
    var q=input.value.trim();
    if(!q||q===last)return;
    timer=setTimeout(function(){
      last=q;
      if(ctl&&ctl.abort)ctl.abort();
      ctl=window.AbortController?new AbortController():null;
      fetch(url+(url.indexOf("?")<0?"?":"&")+"limit=10&q="+encodeURIComponent(q),{credentials:"same-origin",headers:{accept:"application/json"},signal:ctl?ctl.signal:undefined})
        .then(function(r){return r.ok?r.json():{items:[]};})
        .then(function(d){
          while(list.firstChild)list.removeChild(list.firstChild);
          (d.items||[]).forEach(function(it){
            var o=document.createElement("option");
            o.value=it.value;
            o.textContent=it.label+(it.detail?"（"+it.detail+"）":"");
            list.appendChild(o);
          });
        })
        .catch(function(){});
    },250);
  });
}
function init(){
  var inputs=document.querySelectorAll("input[data-lookup][list]");
  for(var i=0;i<inputs.length;i++)wire(inputs[i]);
}
if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",init);else init();
})();
`;
