// The upload section of the settings page. (Stub: the upload feature fills it in.)

/**
 * Renders the endpoint settings into `container` (an empty element of the settings page).
 * @param {HTMLElement} container
 * @param {(key: string, ...subs: string[]) => string} t  message lookup (chrome.i18n.getMessage)
 */
export async function renderUploadSettings(container, t) {}
