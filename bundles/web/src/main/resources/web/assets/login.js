'use strict';
// Shows the sign-in failure the server reports by redirecting here: ?failed=1, or ?locked=<scope>&wait=<seconds>.
// The texts are fixed here by scope, so a crafted link cannot put its own words on this page.
const LOCKED = new Map([
  ['name', 'Too many failed sign-ins from this address for this user name'],
  ['address', 'Too many failed sign-ins from this address'],
  ['busy', 'Too many sign-ins from this address at once'],
  ['full', 'Too many addresses with failed sign-ins'],
]);

document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(window.location.search);
  if (params.has('failed')) {
    document.getElementById('login-error').hidden = false;
  }
  const text = LOCKED.get(params.get('locked'));
  if (text) {
    const wait = parseInt(params.get('wait'), 10);
    const locked = document.getElementById('login-locked');
    locked.textContent = text + (wait > 0 ? ': try again in ' + wait + ' s.' : ': wait, then try again.');
    locked.hidden = false;
  }
});
