// What the scripts of the dashboard and the participant's page share: finding an element, saying
// how an action went, calling the API, a table's cells, and the fleet's local time, in which both
// pages show every time and read every time typed in.
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

const wallClock = z => new Intl.DateTimeFormat('en-US', {timeZone: z, hourCycle: 'h23', year: 'numeric',
  month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'});
/** The fleet's zone (an IANA name; GET /api/v1/me gives it), and what writes times in it. */
let zone = 'UTC', clock = wallClock(zone);

/** Shows times in zone name from now on, and names it in every element of class 'zone'. */
function inZone(name) {
  zone = name;
  clock = wallClock(name);
  document.querySelectorAll('.zone').forEach(e => { e.textContent = name; });
}

/** An instant (ISO text, ms or a Date) as the fleet's wall time: 'YYYY-MM-DD HH:mm PDT'. */
function local(t) {
  const p = {};
  for (const x of clock.formatToParts(new Date(t))) p[x.type] = x.value;
  return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ' ' + p.timeZoneName;
}

/** A Date as the value of a datetime-local input ('YYYY-MM-DDTHH:mm'): the fleet's wall time. */
function toLocalInput(d) {
  return local(d).slice(0, 16).replace(' ', 'T');
}

/** The instant of a datetime-local input's value, read as the fleet's wall time. */
function fromLocalInput(v) {
  const wall = Date.parse(v + 'Z'), offset = t => Date.parse(toLocalInput(t) + 'Z') - t;
  return new Date(wall - offset(wall - offset(wall)));
}
