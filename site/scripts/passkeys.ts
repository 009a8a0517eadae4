/**
 * The passkey buttons (site/components/PasskeyButton.astro), in the browser: asks the server for
 * options, lets the person use their passkey (@simplewebauthn/browser), posts the answer back and
 * follows the `redirect` it gets. Each button stays disabled until this has loaded and the browser
 * can use passkeys; anything that goes wrong is said in plain words in the live region beside it.
 */
import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';

type PasskeyMode = 'sign-in' | 'second-step' | 'register';

/** Where each mode asks for options and sends the answer. */
const endpoints: Readonly<Record<PasskeyMode, string>> = {
  'sign-in': '/account/passkey/sign-in',
  'second-step': '/account/passkey/second-step',
  register: '/account/passkey/registration',
};

/** Said when the person cancels, the device refuses, or the time runs out. */
const notUsedMessages: Readonly<Record<PasskeyMode, string>> = {
  'sign-in': 'Your passkey was not used. Try again, or sign in another way',
  'second-step': 'Your passkey was not used. Try again, or sign in another way',
  register: 'Your passkey was not added. Try again',
};

const unreachableMessage = 'We could not connect to the service. Check your internet connection and try again';

/** An answer from a passkey endpoint. */
interface Answer {
  readonly status: number;
  readonly data: { readonly options?: unknown; readonly redirect?: unknown; readonly message?: unknown; readonly field?: unknown };
  /** Where the request ended up, when the server redirected it to a page (the session ended, say). */
  readonly redirectedTo: string | null;
}

async function post(url: string, body: unknown): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  let data: Answer['data'] = {};
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed === 'object' && parsed !== null) data = parsed;
  } catch {
    // Not JSON: a page, after a redirect.
  }
  return { status: response.status, data, redirectedTo: response.redirected ? response.url : null };
}

/** A path on this site to go to, or null. */
function toSitePath(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

function showError(region: HTMLElement, message: string): void {
  const paragraph = document.createElement('p');
  paragraph.className = 'nhsuk-error-message';
  const prefix = document.createElement('span');
  prefix.className = 'nhsuk-u-visually-hidden';
  prefix.textContent = 'Error: ';
  paragraph.append(prefix, message);
  region.replaceChildren(paragraph);
}

/** Runs one use of a button. True when the page is going elsewhere (signed in, added, or sent to sign in). */
async function run(mode: PasskeyMode, root: HTMLElement, region: HTMLElement): Promise<boolean> {
  const base = endpoints[mode];
  const passwordInput = root.dataset.passkeyPasswordInput ? document.querySelector<HTMLInputElement>(`#${CSS.escape(root.dataset.passkeyPasswordInput)}`) : null;
  const returnTo = root.dataset.passkeyReturnTo ?? null;
  let answer: Answer;
  try {
    answer = await post(`${base}/options`, passwordInput ? { password: passwordInput.value } : {});
  } catch {
    showError(region, unreachableMessage);
    return false;
  }
  const go = toSitePath(answer.data.redirect);
  if (answer.status === 401 || answer.status === 403 || answer.redirectedTo) {
    window.location.assign(go ?? answer.redirectedTo ?? '/account/sign-in');
    return true;
  }
  if (answer.status !== 200 || typeof answer.data.options !== 'object' || answer.data.options === null) {
    showError(region, typeof answer.data.message === 'string' ? answer.data.message : notUsedMessages[mode]);
    if (answer.data.field === 'password') passwordInput?.focus();
    return false;
  }
  let response: unknown;
  try {
    // The options come from our own server, in the shape @simplewebauthn/server made them.
    const optionsJSON = answer.data.options as Parameters<typeof startAuthentication>[0]['optionsJSON'] & Parameters<typeof startRegistration>[0]['optionsJSON'];
    response = mode === 'register' ? await startRegistration({ optionsJSON }) : await startAuthentication({ optionsJSON });
  } catch (error) {
    const already = error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED';
    showError(region, already ? 'This device already has a passkey for your account. You can use it to sign in' : notUsedMessages[mode]);
    return false;
  }
  try {
    answer = await post(`${base}/verify`, { response, ...(returnTo ? { returnTo } : {}) });
  } catch {
    showError(region, unreachableMessage);
    return false;
  }
  const next = toSitePath(answer.data.redirect);
  if (next && (answer.status === 200 || answer.status === 401 || answer.status === 403)) {
    window.location.assign(next);
    return true;
  }
  if (answer.redirectedTo) {
    window.location.assign(answer.redirectedTo);
    return true;
  }
  showError(region, typeof answer.data.message === 'string' ? answer.data.message : notUsedMessages[mode]);
  return false;
}

/** Turns on every passkey button on the page. */
export function startPasskeyButtons(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-passkey-mode]')) {
    const mode = root.dataset.passkeyMode;
    const button = root.querySelector<HTMLButtonElement>('[data-passkey-start]');
    const region = root.querySelector<HTMLElement>('[data-passkey-status]');
    if ((mode !== 'sign-in' && mode !== 'second-step' && mode !== 'register') || !button || !region) continue;
    if (!browserSupportsWebAuthn()) {
      region.textContent = 'Your browser cannot use passkeys. Update your browser, or use another way.';
      continue;
    }
    button.addEventListener('click', () => {
      if (button.disabled) return;
      button.disabled = true;
      region.replaceChildren();
      void run(mode, root, region).then(
        (leaving) => {
          // Left disabled while the next page loads, so a second press cannot start it again.
          if (!leaving) button.disabled = false;
        },
        () => {
          showError(region, notUsedMessages[mode]);
          button.disabled = false;
        },
      );
    });
    // Enter in the password asked for before the first passkey presses the button (it is not in a form, so nothing else would happen).
    const passwordInput = root.dataset.passkeyPasswordInput ? document.querySelector<HTMLInputElement>(`#${CSS.escape(root.dataset.passkeyPasswordInput)}`) : null;
    passwordInput?.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      button.click();
    });
    button.disabled = false;
    root.dataset.passkeyReady = 'true';
  }
}
