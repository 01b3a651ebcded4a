window.addEventListener('error', function (e) {
  document.body.dataset.error = String(e.message || (e.target && e.target.tagName) || 'error');
}, true);
function sortBy(table, col, th) {
  var body = table.tBodies[0], rows = Array.from(body.rows);
  var asc = th.dataset.dir !== 'asc';
  table.querySelectorAll('th').forEach(function (h) { delete h.dataset.dir; });
  th.dataset.dir = asc ? 'asc' : 'desc';
  rows.sort(function (a, b) {
    var x = a.cells[col].dataset.v || a.cells[col].textContent;
    var y = b.cells[col].dataset.v || b.cells[col].textContent;
    var nx = parseFloat(x), ny = parseFloat(y);
    var d = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y, 'ko') : nx - ny;
    return asc ? d : -d;
  });
  rows.forEach(function (r) { body.appendChild(r); });
}
function applyFilter() {
  var text = document.getElementById('filter').value.trim().toLowerCase();
  var status = document.getElementById('status-filter').value, shown = 0;
  Array.from(document.getElementById('students').tBodies[0].rows).forEach(function (r) {
    var ok = (!status || r.dataset.status === status) && (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
    r.hidden = !ok; shown += ok ? 1 : 0;
  });
  document.getElementById('shown').textContent = String(shown);
}
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('table.sortable').forEach(function (table) {
    Array.from(table.tHead.rows[0].cells).forEach(function (th, col) {
      th.addEventListener('click', function () { sortBy(table, col, th); });
    });
  });
  document.getElementById('filter').addEventListener('input', applyFilter);
  document.getElementById('status-filter').addEventListener('change', applyFilter);
  document.body.dataset.ready = '1';
});
window.addEventListener('load', function () {
  var broken = Array.from(document.images).filter(function (i) { return !i.naturalWidth; });
  document.body.dataset.images = broken.length ? 'broken' : 'ok';
});
