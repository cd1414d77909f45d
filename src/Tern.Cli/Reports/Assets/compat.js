(function () {
  var details = document.getElementById('details');
  document.querySelectorAll('td.verdict').forEach(function (td) {
    td.addEventListener('click', function () {
      var src = document.getElementById(td.getAttribute('data-details'));
      details.textContent = src ? src.textContent : '';
      details.hidden = false;
    });
  });
})();
