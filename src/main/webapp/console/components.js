// Shared pieces of the console: Preact with htm (one pinned WebJar module), form fields, problems in words,
// secrets on screen and on the clipboard, and small formatting helpers. Pages import everything from here.
import {
    html, render, useState, useEffect, useRef, useCallback, useMemo, useContext, createContext
} from '/_static/htm/3.1.1/preact/standalone.module.js';
import { query } from './api.js';

export { html, render, useState, useEffect, useRef, useCallback, useMemo, useContext, createContext };

/** How long a revealed value stays on screen, and a copied one on the clipboard, unless the server says otherwise. */
export const timing = { revealSeconds: 60, clipboardSeconds: 30 };

/** The signed-in person and the console's navigation, for every page. */
export const ConsoleContext = createContext(null);

const WORDS = {
    'validation-failed': 'Some fields need attention.',
    'malformed-request': 'The console sent something the service could not read. Reload the page and try again.',
    'unauthenticated': 'Your session has ended. Sign in again to go on.',
    'invalid-credentials': 'The username, password or code is wrong.',
    'mfa-required': 'Enter the code from your authenticator app, or a recovery code.',
    'local-sign-in-off': 'Sign in with the campus sign-in button; a password works here only for break-glass access.',
    'sign-in-expired': 'That sign-in expired or was already used. Start again.',
    'sign-in-incomplete': 'Finish setting up your sign-in first.',
    'csrf-rejected': 'Your session could not be confirmed. Reload the page and try again.',
    'person-with-mfa-required':
        'Seeing a secret needs a sign-in with an authenticator app. Set one up in your profile.',
    'forbidden': 'This was refused.',
    'not-found': 'This does not exist, or you are not allowed to see it.',
    'conflict': 'This clashes with what is stored now.',
    'precondition-failed': 'Someone changed this since you loaded it.',
    'precondition-required': 'The console must say which version it replaces. Reload the page and try again.',
    'unprocessable': 'This breaks a rule of the registry.',
    'payload-too-large': 'That is too much text to send at once.',
    'too-many-requests': 'Too many attempts. Wait a moment and try again.',
    'service-unavailable': 'The service cannot do this right now. Try again in a minute.',
    'integrity-failure': 'Stored data failed its integrity check. Tell DGIT, with the request id below.',
    'internal-error': 'Something went wrong on the server. Tell DGIT, with the request id below.'
};

/** A problem from the API in words a person understands: the kind in plain English, then the API's own detail. */
export function explain(error) {
    if (!error) {
        return null;
    }
    const problem = error.problem || { detail: String(error.message || error) };
    const headline = WORDS[error.kind] || problem.title || 'Something went wrong.';
    const retry = error.retryAfter ? `Try again in ${error.retryAfter} seconds.` : null;
    return { headline, detail: problem.detail && problem.detail !== headline ? problem.detail : null, retry,
        requestId: problem.requestId };
}

/**
 * The problem of a failed call, shown as an alert with its request id (what DGIT asks for when helping). A refused
 * transition (409) names the state it found, in the words of {@code states} (state to words) where given.
 */
export function ProblemMessage({ error, id, states }) {
    const words = explain(error);
    if (!words) {
        return null;
    }
    const found = error.problem?.currentState;
    return html`<div class="problem" role="alert" id=${id} tabindex="-1">
        <p class="problem-headline">${words.headline}</p>
        ${words.detail && html`<p>${words.detail}</p>`}
        ${found && html`<p>Its state now: ${states?.[found] || found.toLowerCase()}.</p>`}
        ${words.retry && html`<p>${words.retry}</p>`}
        ${words.requestId && html`<p class="request-id">Request id: <code>${words.requestId}</code></p>`}
    </div>`;
}

/** After a refused submit: focus the first field in error, else the problem message. */
export function focusFirstError(form) {
    requestAnimationFrame(() => {
        const target = form && (form.querySelector('[aria-invalid="true"]') || form.querySelector('.problem'));
        if (target) {
            target.focus();
        }
    });
}

/** A form's submit handler: no page load, the action, then the focus on the first field in error (if any). */
export function submitted(form, action) {
    return async e => {
        e.preventDefault();
        await action();
        focusFirstError(form.current);
    };
}

let fieldCounter = 0;

/** A stable id for a field's label, hint and error. */
export function useId(prefix) {
    const ref = useRef(null);
    if (ref.current === null) {
        ref.current = `${prefix}-${++fieldCounter}`;
    }
    return ref.current;
}

/** A labelled input with an optional hint and error, linked for screen readers. */
export function Field({ label, hint, error, value, onValue, type = 'text', as = 'input', children, ...rest }) {
    const id = useId('field');
    const described = [hint && id + '-hint', error && id + '-error'].filter(Boolean).join(' ') || undefined;
    const common = {
        id, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined, value,
        onInput: e => onValue(e.target.value), ...rest
    };
    let control;
    if (as === 'select') {
        control = html`<select ...${common} onChange=${e => onValue(e.target.value)}>${children}</select>`;
    } else if (as === 'textarea') {
        control = html`<textarea ...${common}></textarea>`;
    } else {
        control = html`<input type=${type} ...${common} />`;
    }
    return html`<div class=${'field' + (error ? ' field-error' : '')}>
        <label for=${id}>${label}</label>
        ${hint && html`<p class="hint" id=${id + '-hint'}>${hint}</p>`}
        ${control}
        ${error && html`<p class="error" id=${id + '-error'}>${error}</p>`}
    </div>`;
}

/** A checkbox with its label, and its error when it must be ticked. */
export function Checkbox({ label, checked, onChecked, error }) {
    const id = useId('check');
    return html`<div class=${error ? 'field-error' : undefined}>
        <div class="checkbox">
            <input type="checkbox" id=${id} checked=${checked} onChange=${e => onChecked(e.target.checked)}
                aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? id + '-error' : undefined} />
            <label for=${id}>${label}</label>
        </div>
        ${error && html`<p class="error" id=${id + '-error'}>${error}</p>`}
    </div>`;
}

/** An account's status in words (docs/accounts.md). */
export const ACCOUNT_STATUS = {
    REQUESTED: 'requested — no approval on record', APPROVED: 'approved — not yet escrowed', ACTIVE: 'active',
    SUSPENDED: 'suspended', RETIRED: 'retired'
};

export function statusWords(status) {
    return ACCOUNT_STATUS[status] || status.toLowerCase();
}

/**
 * The first step of an action that takes a second click (a revocation, a retirement); back from the second step
 * ("Keep it"), it has the focus again.
 */
export function AskButton({ label, children, focused, onAsk }) {
    const button = useRef(null);
    useEffect(() => {
        if (focused) {
            button.current.focus();
        }
    }, []);
    return html`<button type="button" class="secondary" ref=${button} onClick=${onAsk}
        aria-label=${label}>${children}</button>`;
}

/** The second step: the button that does it takes the focus; "Keep it" steps back. */
export function ConfirmButtons({ children, busy, onConfirm, onKeep }) {
    const button = useRef(null);
    useEffect(() => button.current.focus(), []);
    return html`<span class="actions">
        <button type="button" ref=${button} disabled=${busy} onClick=${onConfirm}>${children}</button>
        <button type="button" class="secondary" onClick=${onKeep}>Keep it</button>
    </span>`;
}

export function Badge({ tone = 'info', children }) {
    return html`<span class=${'badge badge-' + tone}>${children}</span>`;
}

/** A link that moves within the console without reloading it. */
export function Link({ href, children, ...rest }) {
    const console = useContext(ConsoleContext);
    const follow = e => {
        if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey) {
            e.preventDefault();
            console.navigate(href);
        }
    };
    return html`<a href=${href} onClick=${follow} ...${rest}>${children}</a>`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export function formatDateTime(iso) {
    return iso ? dateTime.format(new Date(iso)) : '';
}

export function formatTime(iso) {
    return iso ? time.format(new Date(iso)) : '';
}

/** Sets the tab's title for a page: never anything secret. */
export function usePageTitle(title) {
    useEffect(() => {
        document.title = title ? `${title} · Credential escrow` : 'Credential escrow';
    }, [title]);
}

/** Runs a callback every {@code seconds} (1 by default) while mounted and active. */
export function useTicker(callback, active = true, seconds = 1) {
    const saved = useRef(callback);
    saved.current = callback;
    useEffect(() => {
        if (!active) {
            return undefined;
        }
        const timer = setInterval(() => saved.current(), seconds * 1000);
        return () => clearInterval(timer);
    }, [active, seconds]);
}

/**
 * Calls back when the session ends under the page (app.js announces it): what only the signed-in person should see
 * (a secret, a password typed) leaves the page before the sign-in dialog comes over it.
 */
export function useWhenSessionEnds(callback) {
    const saved = useRef(callback);
    saved.current = callback;
    useEffect(() => {
        const listener = () => saved.current();
        window.addEventListener('escrow:session-ended', listener);
        return () => window.removeEventListener('escrow:session-ended', listener);
    }, []);
}

/** Calls back when the tab is hidden: what is on screen for a person stops being on screen. */
export function useWhenHidden(callback) {
    const saved = useRef(callback);
    saved.current = callback;
    useEffect(() => {
        const listener = () => {
            if (document.visibilityState === 'hidden') {
                saved.current();
            }
        };
        document.addEventListener('visibilitychange', listener);
        return () => document.removeEventListener('visibilitychange', listener);
    }, []);
}

async function digest(text) {
    const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return Array.from(new Uint8Array(bytes), b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Copies a value to the clipboard and, after the clipboard time, clears the clipboard if it still holds that value.
 * Only a digest of the value is kept meanwhile. A page may touch the clipboard only while it has the focus, so when
 * the time comes with the focus elsewhere (the person is pasting), the check waits for the page's next focus. Where
 * the browser will not let the page read the clipboard at all, it is cleared regardless: a secret left behind is
 * worse than an overwritten clipboard.
 */
export async function copySecret(value) {
    await navigator.clipboard.writeText(value);
    const copied = await digest(value);
    const clearIfStillThere = async () => {
        if (!document.hasFocus()) {
            window.addEventListener('focus', clearIfStillThere, { once: true });
            return;
        }
        let current;
        try {
            current = await digest(await navigator.clipboard.readText());
        } catch {
            current = copied;
        }
        if (current === copied) {
            await navigator.clipboard.writeText('').catch(() =>
                window.addEventListener('focus', clearIfStillThere, { once: true }));
        }
    };
    setTimeout(clearIfStillThere, timing.clipboardSeconds * 1000);
}

/**
 * What an action did, in a live region that is always on the page (so screen readers announce the change), focused
 * when {@code message} changes, because the button that did it may be gone or disabled by then.
 */
export function Notice({ message }) {
    const element = useRef(null);
    useEffect(() => {
        if (message && element.current) {
            element.current.focus();
        }
    }, [message]);
    return html`<p class=${message ? 'success' : 'notice-empty'} role="status" tabindex="-1"
        ref=${element}>${message || ''}</p>`;
}

/** A copy button that says what it did. */
export function CopyButton({ value, label }) {
    const [copied, setCopied] = useState(false);
    const copy = async () => {
        try {
            await copySecret(value);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
        } catch {
            setCopied(false);
        }
    };
    return html`<button type="button" class="secondary" onClick=${copy} aria-label=${label}>
        ${copied ? 'Copied' : 'Copy'}</button>
        <span class="visually-hidden" role="status">${copied ? 'Copied; the clipboard is cleared in '
            + timing.clipboardSeconds + ' seconds' : ''}</span>`;
}

/** Turns a form submit into an async action with a busy state and its problem. */
export function useAction(action) {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState(null);
    const run = useCallback(async (...args) => {
        setBusy(true);
        setError(null);
        try {
            return await action(...args);
        } catch (e) {
            setError(e);
            return undefined;
        } finally {
            setBusy(false);
        }
    }, [action]);
    return { busy, error, setError, run };
}

export const PLATFORMS = [
    ['FACEBOOK', 'Facebook'], ['INSTAGRAM', 'Instagram'], ['X', 'X'], ['LINKEDIN', 'LinkedIn'],
    ['YOUTUBE', 'YouTube'], ['TIKTOK', 'TikTok'], ['THREADS', 'Threads'], ['PINTEREST', 'Pinterest'],
    ['FLICKR', 'Flickr'], ['SHARECARE', 'Sharecare'], ['OTHER', 'Other']
];

/** An account's platform, and its name where it is none of those listed (OTHER). */
export function PlatformFields({ fields, set, errors }) {
    return html`<${Field} as="select" label="Platform" value=${fields.platform} onValue=${set('platform')} required
            error=${errors.platform}>
            <option value="">Choose a platform</option>
            ${PLATFORMS.map(([key, name]) => html`<option value=${key}>${name}</option>`)}
        <//>
        ${fields.platform === 'OTHER' && html`<${Field} label="Platform name" value=${fields.platformName}
            onValue=${set('platformName')} maxlength="60" error=${errors.platformName} />`}`;
}

export function platformName(code) {
    return (PLATFORMS.find(([key]) => key === code) || [code, code])[1];
}

/**
 * A list's filters, kept in the page's address so a list can be bookmarked, shared and gone back to: their values,
 * and {@code change} to set one (replacing the address, not adding to the history).
 */
export function useAddressFilters(path, names) {
    const { navigate, search } = useContext(ConsoleContext);
    const params = new URLSearchParams(search);
    const filters = Object.fromEntries(names.map(name => [name, params.get(name) || '']));
    const change = (name, value) => navigate(path + query({ ...filters, [name]: value }), { replace: true });
    return { filters, change, search };
}

/**
 * Keyset pages: the cursors of the pages seen, so Previous goes back; a new search starts again at page 1 (at once:
 * no request goes out with the old search's cursor).
 */
export function useCursorPages(search) {
    const [seen, setSeen] = useState({ search, cursors: [null] });
    const cursors = seen.search === search ? seen.cursors : [null];
    return {
        cursor: cursors[cursors.length - 1],
        number: cursors.length,
        next: cursor => setSeen({ search, cursors: [...cursors, cursor] }),
        previous: () => setSeen({ search, cursors: cursors.slice(0, -1) })
    };
}

/**
 * Previous and next page buttons for {@code pages} (from useCursorPages); next is there when the API gave a cursor.
 * They are aria-disabled rather than disabled, so the focus stays on Next when the last page is reached; the page
 * number is announced.
 */
export function Pager({ pages, nextCursor }) {
    const first = pages.number === 1;
    return html`<nav class="pager" aria-label="Pages">
        <button type="button" class="secondary" aria-disabled=${first ? 'true' : undefined}
            onClick=${() => !first && pages.previous()}>Previous page</button>
        <span role="status">Page ${pages.number}</span>
        <button type="button" class="secondary" aria-disabled=${nextCursor ? undefined : 'true'}
            onClick=${() => nextCursor && pages.next(nextCursor)}>Next page</button>
    </nav>`;
}

/** Loads what {@code load} answers whenever a dependency changes; only the latest answer is shown. */
export function useLoaded(load, dependencies) {
    const [state, setState] = useState({ data: null, error: null });
    const latest = useRef(0);
    const run = useCallback(() => {
        const asked = ++latest.current;
        setState(previous => ({ data: previous.data, error: null }));
        return load().then(data => asked === latest.current && setState({ data, error: null }))
            .catch(error => asked === latest.current && setState(previous => ({ data: previous.data, error })));
    }, dependencies);
    useEffect(() => {
        run();
    }, [run]);
    return { ...state, reload: run };
}

/** What each role allows, in the words shown where a role is granted or held. */
export const ROLES = {
    DGIT_ADMIN: { name: 'DGIT admin', scoped: false,
        allows: 'Every account and its login, all administration: people, roles, tokens, offboarding, keys.' },
    AUDITOR: { name: 'Auditor', scoped: false,
        allows: 'The audit trail, its verification and export, and every account\'s details; never a login.' },
    DEPARTMENT_OWNER: { name: 'Department owner', scoped: true,
        allows: 'The department\'s accounts and their logins, its people and their holdings; registers accounts.' },
    SUPERVISOR: { name: 'Supervisor', scoped: true,
        allows: 'Approves or rejects requests for its department\'s official accounts.' },
    HR_STAFF: { name: 'HR staff', scoped: false,
        allows: 'Starts offboardings and follows them, and sees the people of every department; never a login.' },
    HR_INTEGRATION: { name: 'HR integration', scoped: false,
        allows: 'HR\'s system: the offboarding and SCIM APIs and nothing else. API tokens only.' }
};

export function roleName(role) {
    return ROLES[role]?.name || role;
}

/**
 * The roles that read accounts beyond those they hold (within their scope): versions, audit entries, what a person
 * holds, rotations due across accounts.
 */
export const ACCOUNT_READERS = ['DGIT_ADMIN', 'AUDITOR', 'DEPARTMENT_OWNER'];

/** The roles that may read the directory (GET /people, GET /departments). */
export const DIRECTORY_READERS = ['DGIT_ADMIN', 'AUDITOR', 'DEPARTMENT_OWNER', 'HR_STAFF'];

/** Who may start an offboarding case, and who may follow them (the API's rules, so the console offers no dead end). */
export const OFFBOARDING_STARTERS = ['HR_STAFF', 'DGIT_ADMIN'];
export const OFFBOARDING_READERS = ['HR_STAFF', 'DGIT_ADMIN', 'AUDITOR'];

/** True if the signed-in person holds any of {@code roles}. */
export function holdsAny(session, roles) {
    return roles.some(role => session.roles.includes(role));
}
