// What the scripts of the dashboard and the participant's page share: finding an element, saying
// how an action went, calling the API, a table's cells.
'use strict';
const $ = id => document.getElementById(id);

function say(text, error) {
  $('message').textContent = text;
  $('message').className = error ? 'error' : '';
}

async function api(method, path, body) {
  const init = {method, headers: {}};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(path, init);
  const text = await r.text();
  const data = text && (r.headers.get('Content-Type') || '').startsWith('application/json') ? JSON.parse(text) : {};
  if (!r.ok) {
    const e = new Error(data.message || ('HTTP ' + r.status));
    e.status = r.status;
    throw e;
  }
  return data;
}

function cell(row, text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}
