(function () {
  var data = JSON.parse(document.getElementById('plan-data').textContent);
  var panel = document.getElementById('details');
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function verdictBlock(title, v) {
    var box = el('div');
    box.appendChild(el('h4', title + ': ' + v.verdict));
    var dl = el('dl');
    v.findings.forEach(function (f) {
      if (f.severity === 'note') return;
      dl.appendChild(el('dt', f.severity + ' ' + f.code));
      var dd = el('dd');
      dd.appendChild(el('div', f.message));
      if (f.qemuError.length) dd.appendChild(el('pre', f.qemuError.join('\n')));
      if (f.remedy) dd.appendChild(el('div', 'remedy: ' + f.remedy));
      dl.appendChild(dd);
    });
    v.missing.forEach(function (m) { dl.appendChild(el('dt', 'missing')); dl.appendChild(el('dd', m)); });
    box.appendChild(dl);
    return box;
  }
  function open(cell) {
    var vm = data.vms[+cell.dataset.vm];
    var t = vm.targets[cell.dataset.host];
    panel.textContent = '';
    var close = el('button', 'close');
    close.id = 'close';
    close.onclick = function () { panel.hidden = true; };
    panel.appendChild(close);
    panel.appendChild(el('h3', vm.name + ' (' + vm.host + ') → ' + cell.dataset.host));
    panel.appendChild(verdictBlock('there', data.verdicts[t[0]]));
    panel.appendChild(verdictBlock('way back', data.verdicts[t[1]]));
    if (vm.suggestion) panel.appendChild(el('p', 'suggestion: ' + vm.suggestion, 'suggestion'));
    vm.lifecycle.forEach(function (l) { panel.appendChild(el('p', 'lifecycle: ' + l)); });
    panel.hidden = false;
  }
  document.querySelectorAll('td.cell').forEach(function (c) {
    c.addEventListener('click', function () { open(c); });
    c.addEventListener('keydown', function (e) { if (e.key === 'Enter') open(c); });
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') panel.hidden = true; });
})();
