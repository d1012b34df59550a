// The welcome page, opened once when Barg is installed: what the button,
// the shortcut and the menus do, where the library is, and that nothing
// leaves the browser unless the user sets an endpoint.

import { t, localize, loadLanguage } from '../ui/i18n.js';

async function main() {
  await loadLanguage();
  localize();
  // The shortcut as the browser has it now (the user may have changed it).
  let key = '';
  try {
    const cmds = await chrome.commands.getAll();
    key = (cmds.find((c) => c.name === '_execute_action') || {}).shortcut || '';
  } catch { /* no commands API */ }
  const li = document.getElementById('how-shortcut');
  if (key) {
    const [before, after] = t('welcomeShortcut', '\u0000').split('\u0000');
    const kbd = document.createElement('kbd');
    kbd.dir = 'ltr';
    kbd.textContent = key;
    li.append(before, kbd, after || '');
  } else {
    li.textContent = t('welcomeNoShortcut');
  }
  document.body.dataset.state = 'ready';
}

main();
