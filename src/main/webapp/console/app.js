// The console's shell: who is signed in, which page the path names, navigation, and the sign-in that comes back
// over the page when the session ends (the page stays as it was, so nothing typed is lost).
import {
    html, render, useState, useEffect, useCallback, useRef, ConsoleContext, Link, timing, usePageTitle,
    ACCOUNT_READERS, DIRECTORY_READERS, OFFBOARDING_READERS, OFFBOARDING_STARTERS
} from './components.js';
import * as api from './api.js';
// Eager: the first paint of a signed-out console, and the sign-in over a page whose session ended. Every other page
// is imported on its route's first visit (lazy), so the first load carries only the shell and the sign-in.
import { SignInPage, SignInForm } from './pages/sign-in.js';

const HOME = '/start';

const ADMINS = ['DGIT_ADMIN'];
/** Who imports from other password managers: DGIT admins anywhere, department owners into their departments. */
const IMPORTERS = ['DGIT_ADMIN', 'DEPARTMENT_OWNER'];

/** A page loaded on first use: a function that imports {@code pages/<module>.js} and answers its {@code name}. */
function lazy(module, name) {
    return () => import(`./pages/${module}.js`).then(loaded => {
        if (!loaded[name]) {
            throw new Error(`pages/${module}.js has no ${name}.`);
        }
        return loaded[name];
    });
}

const FIRST_STEPS = lazy('first-steps', 'FirstStepsPage');

/** The pages, by path, each with the roles the API lets use it (none: everyone signed in). */
const ROUTES = [
    { pattern: /^\/start$/, page: lazy('start', 'StartPage') },
    { pattern: /^\/accounts$/, page: lazy('accounts', 'AccountsPage') },
    { pattern: /^\/accounts\/new$/, page: lazy('new-account', 'NewAccountPage') },
    { pattern: /^\/accounts\/([^/]+)$/, page: lazy('account', 'AccountPage'), params: ['accountId'] },
    { pattern: /^\/rotations$/, page: lazy('rotations', 'RotationsPage') },
    { pattern: /^\/offboardings$/, page: lazy('offboarding', 'OffboardingsPage'), roles: OFFBOARDING_READERS },
    { pattern: /^\/offboardings\/new$/, page: lazy('offboarding', 'NewOffboardingPage'), roles: OFFBOARDING_STARTERS },
    { pattern: /^\/offboardings\/([^/]+)$/, page: lazy('offboarding', 'OffboardingPage'), params: ['caseId'],
        roles: OFFBOARDING_READERS },
    { pattern: /^\/people$/, page: lazy('people', 'PeoplePage'), roles: DIRECTORY_READERS },
    { pattern: /^\/people\/new$/, page: lazy('people', 'NewPersonPage'), roles: ADMINS },
    { pattern: /^\/people\/([^/]+)$/, page: lazy('people', 'PersonPage'), params: ['personId'],
        roles: DIRECTORY_READERS },
    { pattern: /^\/departments$/, page: lazy('people', 'DepartmentsPage'), roles: DIRECTORY_READERS },
    { pattern: /^\/tokens$/, page: lazy('tokens', 'TokensPage'), roles: ADMINS },
    { pattern: /^\/audit$/, page: lazy('audit', 'AuditPage'), roles: ACCOUNT_READERS },
    { pattern: /^\/keys$/, page: lazy('keys', 'KeysPage'), roles: ADMINS },
    { pattern: /^\/requests$/, page: lazy('requests', 'RequestsPage') },
    { pattern: /^\/requests\/new$/, page: lazy('requests', 'NewRequestPage') },
    { pattern: /^\/requests\/([^/]+)$/, page: lazy('requests', 'RequestPage'), params: ['requestId'] },
    { pattern: /^\/duties$/, page: lazy('duties', 'DutiesPage') },
    { pattern: /^\/compliance$/, page: lazy('compliance', 'CompliancePage'), roles: ACCOUNT_READERS },
    { pattern: /^\/attestations$/, page: lazy('attestations', 'AttestationsPage'), roles: ACCOUNT_READERS },
    { pattern: /^\/attestations\/([^/]+)$/, page: lazy('attestations', 'AttestationPage'), params: ['attestationId'],
        roles: ACCOUNT_READERS },
    { pattern: /^\/imports$/, page: lazy('imports', 'NewImportPage'), roles: IMPORTERS },
    { pattern: /^\/imports\/([^/]+)$/, page: lazy('imports', 'ImportPage'), params: ['importId'], roles: IMPORTERS },
    { pattern: /^\/profile$/, page: lazy('profile', 'ProfilePage') }
];

/** The navigation, each entry with the roles that see it (none: everyone signed in), as the API allows them. */
const NAVIGATION = [
    { href: '/start', label: 'Start' },
    { href: '/accounts', label: 'Accounts' },
    { href: '/rotations', label: 'Rotations due' },
    { href: '/requests', label: 'Requests' },
    { href: '/duties', label: 'Duties' },
    { href: '/offboardings', label: 'Offboarding', roles: OFFBOARDING_READERS },
    { href: '/people', label: 'People', roles: DIRECTORY_READERS, also: ['/departments'] },
    { href: '/tokens', label: 'API tokens', roles: ADMINS },
    { href: '/compliance', label: 'Compliance', roles: ACCOUNT_READERS },
    { href: '/attestations', label: 'Attestations', roles: ACCOUNT_READERS },
    { href: '/imports', label: 'Import', roles: IMPORTERS },
    { href: '/audit', label: 'Audit', roles: ACCOUNT_READERS },
    { href: '/keys', label: 'Keys', roles: ADMINS },
    { href: '/profile', label: 'Profile' }
];

function route(path) {
    for (const candidate of ROUTES) {
        const match = candidate.pattern.exec(path);
        if (match) {
            const params = Object.fromEntries((candidate.params || [])
                .map((name, i) => [name, decodeURIComponent(match[i + 1])]));
            return { page: candidate.page, params, roles: candidate.roles };
        }
    }
    return null;
}

function currentLocation() {
    return { path: location.pathname, search: location.search };
}

function App() {
    const [session, setSession] = useState(undefined);
    const [where, setWhere] = useState(currentLocation());
    const [sessionLost, setSessionLost] = useState(false);
    const main = useRef(null);
    const firstRender = useRef(true);
    // Read by the session-ended listener: a 401 before anyone signed in ends nothing.
    const signedIn = useRef(false);
    signedIn.current = Boolean(session);

    const loadSession = useCallback(async (csrfToken) => {
        try {
            const current = await api.session.current();
            if (csrfToken || current.csrfToken) {
                api.rememberCsrfToken(csrfToken || current.csrfToken);
            }
            if (current.secretDisplay) {
                timing.revealSeconds = current.secretDisplay.revealSeconds;
                timing.clipboardSeconds = current.secretDisplay.clipboardSeconds;
            }
            setSession(current);
            return current;
        } catch (e) {
            if (e.status === 401) {
                setSession(null);
                return null;
            }
            throw e;
        }
    }, []);

    const navigate = useCallback((href, { replace = false } = {}) => {
        if (replace) {
            history.replaceState(null, '', href);
        } else if (href !== location.pathname + location.search) {
            history.pushState(null, '', href);
        }
        setWhere(currentLocation());
    }, []);

    useEffect(() => {
        loadSession().catch(() => setSession(null));
        const popped = () => setWhere(currentLocation());
        window.addEventListener('popstate', popped);
        const ended = api.onSessionEnded(() => {
            if (signedIn.current) {
                setSessionLost(true);
                window.dispatchEvent(new Event('escrow:session-ended'));
            }
        });
        return () => {
            window.removeEventListener('popstate', popped);
            ended();
        };
    }, [loadSession]);

    useEffect(() => {
        if (firstRender.current) {
            firstRender.current = false;
        } else if (main.current) {
            main.current.focus();
        }
        window.scrollTo(0, 0);
    }, [where.path]);

    useEffect(() => {
        if (session && !session.restriction && (where.path === '/' || where.path === '/sign-in')) {
            navigate(HOME, { replace: true });
        }
    }, [session, where.path, navigate]);

    const signOut = async () => {
        let endSession = null;
        try {
            endSession = await api.session.signOut();
        } catch {
            // Already signed out: the same end.
        }
        api.rememberCsrfToken(null);
        setSessionLost(false);
        setSession(null);
        if (endSession && /^https?:\/\//.test(endSession)) {
            // After a campus sign-in the provider's session ends too; it sends the browser back to /sign-in.
            window.location.assign(endSession);
            return;
        }
        navigate('/sign-in');
    };

    const signedInAgain = async (answer) => {
        const previous = session;
        const current = await loadSession(answer.csrfToken);
        if (!current || (previous && current.id !== previous.id)) {
            // Someone else signed in: what was on screen was the previous person's.
            location.reload();
            return;
        }
        setSessionLost(false);
    };

    if (session === undefined) {
        return html`<p class="loading">Loading the console…</p>`;
    }
    const context = { session, navigate, reloadSession: loadSession, signOut, search: where.search };
    if (session === null) {
        return html`<${ConsoleContext.Provider} value=${context}>
            <${SignInPage} onSignedIn=${answer => {
                setSessionLost(false);
                return loadSession(answer.csrfToken);
            }} />
        <//>`;
    }
    if (session.restriction) {
        return html`<${ConsoleContext.Provider} value=${context}>
            <${Shell} navigation=${[]} main=${main} session=${session} onSignOut=${signOut}>
                <${LazyPage} load=${FIRST_STEPS} restriction=${session.restriction} />
            <//>
            ${sessionLost && html`<${SessionEndedDialog} onSignedIn=${signedInAgain} />`}
        <//>`;
    }
    if (where.path === '/' || where.path === '/sign-in') {
        return null;
    }
    const found = route(where.path);
    const allowed = roles => !roles || roles.some(r => session.roles.includes(r));
    // The roles decide before anything loads: a page that is not the person's is never fetched.
    const Page = !found ? NotFound : allowed(found.roles) ? LazyPage : NotYours;
    const navigation = NAVIGATION.filter(item => allowed(item.roles));
    return html`<${ConsoleContext.Provider} value=${context}>
        <${Shell} navigation=${navigation} main=${main} session=${session} onSignOut=${signOut} path=${where.path}>
            <${Page} key=${where.path} load=${found?.page} ...${found ? found.params : {}} />
        <//>
        ${sessionLost && html`<${SessionEndedDialog} onSignedIn=${signedInAgain} />`}
    <//>`;
}

function Shell({ navigation, main, session, onSignOut, path, children }) {
    return html`<a class="skip-link" href="#main">Skip to content</a>
    <header class="top">
        <div class="brand">Credential escrow</div>
        ${navigation.length > 0 && html`<nav aria-label="Main"><ul>
            ${navigation.map(item => html`<li><${Link} href=${item.href}
                aria-current=${path && [item.href, ...(item.also || [])].some(p => path.startsWith(p)) ? 'page'
                    : undefined}>${item.label}<//></li>`)}
        </ul></nav>`}
        <div class="who">
            <span class="who-name">${session.name}</span>
            <button type="button" class="secondary" onClick=${onSignOut}>Sign out</button>
        </div>
    </header>
    <main id="main" tabindex="-1" ref=${main}>${children}</main>`;
}

/** Each page's component once its module has loaded, by its loader: a page visited before is drawn at once. */
const loadedPages = new Map();

/**
 * The page {@code load} answers, drawn with the other props: the loading state while its module is fetched, and if
 * that fails (the network, a restarting service), the failure in words with a way to try again.
 */
function LazyPage({ load, ...props }) {
    const [Page, setPage] = useState(() => loadedPages.get(load));
    const [failure, setFailure] = useState(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
        if (Page) {
            return undefined;
        }
        let current = true;
        load().then(component => {
            loadedPages.set(load, component);
            if (current) {
                setPage(() => component);
            }
        }).catch(error => current && setFailure(error));
        return () => {
            current = false;
        };
    }, [load, attempt]);
    if (Page) {
        return html`<${Page} ...${props} />`;
    }
    if (failure) {
        return html`<${LoadFailure} error=${failure} onRetry=${() => {
            setFailure(null);
            setAttempt(n => n + 1);
        }} />`;
    }
    return html`<p class="loading">Loading…</p>`;
}

/** A page whose module did not arrive: said in words, with the browser's own message and a way to try again. */
function LoadFailure({ error, onRetry }) {
    usePageTitle('This page did not load');
    return html`<h1>This page did not load</h1>
        <div class="problem" role="alert">
            <p class="problem-headline">The console could not fetch this page from the service.</p>
            <p>The network may be down, or the service restarting. Try again in a moment; if it fails again, reload
            the page.</p>
            <p>The browser says: <code>${String(error.message || error)}</code></p>
        </div>
        <div class="actions"><button type="button" onClick=${onRetry}>Try again</button></div>`;
}

/** The session ended under an open page: sign in again over it, and the page is as it was. */
function SessionEndedDialog({ onSignedIn }) {
    const dialog = useRef(null);
    useEffect(() => {
        // Back to where the person was (the button that met the ended session) once they are signed in again.
        const previous = document.activeElement;
        if (dialog.current && !dialog.current.open) {
            dialog.current.showModal();
        }
        return () => previous?.focus?.();
    }, []);
    return html`<dialog ref=${dialog} class="session-dialog" aria-labelledby="session-ended-title"
            onCancel=${e => e.preventDefault()}>
        <h2 id="session-ended-title">Your session has ended</h2>
        <p>Sign in again to go on. What you typed on the page is still there, apart from passwords and codes.</p>
        <${SignInForm} onSignedIn=${onSignedIn} />
        <p><a href="/sign-in">Leave this page and start again</a></p>
    </dialog>`;
}

/** A page the signed-in person's roles do not use: said plainly rather than a form that every submit refuses. */
function NotYours() {
    return html`<h1>Not available to you</h1>
        <p>This page is for other roles than yours. <${Link} href=${HOME}>Go to your start page<//>.</p>`;
}

function NotFound() {
    return html`<h1>Not found</h1>
        <p>The console has no page here. <${Link} href=${HOME}>Go to your start page<//>.</p>`;
}

render(html`<${App} />`, document.getElementById('app'));
