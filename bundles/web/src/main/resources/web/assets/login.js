'use strict';
// Shows the sign-in failure the server reports by redirecting here with ?failed=1.
document.addEventListener('DOMContentLoaded', () => {
  if (new URLSearchParams(window.location.search).has('failed')) {
    document.getElementById('login-error').hidden = false;
  }
});
