(function () {
  var data = JSON.parse(document.getElementById('tern-data').textContent);
  var panel = document.getElementById('details');
  var body = document.getElementById('details-body');
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = text; if (cls) e.className = cls; return e; }
  function item(dl, term, value) { dl.appendChild(el('dt', term)); var dd = el('dd'); if (value instanceof Node) dd.appendChild(value); else dd.textContent = value; dl.appendChild(dd); }
  function lines(list) { return el('pre', list && list.length ? list.join('\n') : '(nothing)'); }
  function show(id) {
    var r = data[id]; if (!r) return;
    body.textContent = '';
    body.appendChild(el('h3', r.source.qemu + ' \u2192 ' + r.destination.qemu + ': ' + r.outcome));
    var dl = el('dl'); body.appendChild(dl);
    item(dl, 'Cell', r.machine + ' \u00b7 CPU ' + r.cpu + ' \u00b7 variant ' + r.variant + ' \u00b7 ' + r.transport + ' (' + r.cell + ')');
    item(dl, 'Source', r.source.qemu + ' ' + r.source.args.join(' '));
    item(dl, 'Destination', r.destination.qemu + ' ' + r.destination.args.join(' '));
    item(dl, 'Outcome', r.outcome + (r.exit !== null ? ' (exit ' + r.exit + ')' : '') + (r.signal ? ', signal ' + r.signal : '') + (r.expected ? '; expected ' + r.expected : '') + (r.regression ? ' \u2014 REGRESSION' : ''));
    if (r.labError) item(dl, 'Lab error', r.labError);
    item(dl, 'QEMU stderr', lines(r.stderr));
    if (r.back) { item(dl, 'Back hop', r.back.outcome + (r.back.exit !== null ? ' (exit ' + r.back.exit + ')' : '')); item(dl, 'Back hop stderr', lines(r.back.stderr)); }
    item(dl, 'Tern predicted', r.prediction.verdict + ' \u2014 ' + r.agreement + (r.prediction.summary ? ': ' + r.prediction.summary : ''));
    item(dl, 'Tern findings', lines(r.prediction.findings));
    item(dl, 'Tern expected QEMU to say', lines(r.prediction.qemuErrors));
    if (r.streamBytes !== null) item(dl, 'Stream', r.streamBytes + ' bytes' + (r.stream ? ' (' + r.stream + ')' : ''));
    item(dl, 'Time', r.timings.wallMs + ' ms (QEMU ' + r.timings.qemuMs + ' ms)');
    panel.hidden = false;
    panel.setAttribute('data-cell', id);
  }
  document.addEventListener('click', function (ev) {
    var td = ev.target.closest ? ev.target.closest('td.cell') : null;
    if (td) show(td.getAttribute('data-cell'));
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && ev.target.matches && ev.target.matches('td.cell')) show(ev.target.getAttribute('data-cell'));
    if (ev.key === 'Escape') panel.hidden = true;
  });
  document.getElementById('close').addEventListener('click', function () { panel.hidden = true; });
})();
