window.addEventListener('error', function (e) {
  document.body.dataset.error = String(e.message || (e.target && e.target.tagName) || 'error');
}, true);
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('table.sortable th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
      var asc = th.dataset.dir !== 'asc'; th.dataset.dir = asc ? 'asc' : 'desc';
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.v || a.cells[col].textContent;
        var y = b.cells[col].dataset.v || b.cells[col].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var d = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y) : nx - ny;
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  document.body.dataset.ready = '1';
});
window.addEventListener('load', function () {
  var broken = Array.from(document.images).filter(function (i) { return !i.naturalWidth; });
  document.body.dataset.images = broken.length ? 'broken' : 'ok';
});
