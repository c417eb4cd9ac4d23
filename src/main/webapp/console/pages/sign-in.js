// Signing in: through the campus provider where one is configured, or with username and password; then a code
// from the authenticator app or a recovery code when MFA is on.
import {
    submitted, html, useState, useRef, useEffect, Field, ProblemMessage, useAction, usePageTitle
} from '../components.js';
import * as api from '../api.js';

/** What the escrow says when the campus provider sent someone back without a session (?sso=...). */
const CAMPUS_REFUSALS = {
    'unknown-person': name => `${name} knows you, but the escrow has no person with your employee id. `
        + 'People come from HR; ask DGIT if you should have access.',
    'not-active': () => 'Your access to the escrow has ended or is disabled. Ask DGIT if this is wrong.',
    'mfa-needed': name => `Your role needs a multi-factor sign-in. Sign in to ${name} with your second factor, `
        + 'or ask DGIT for an escrow authenticator.',
    'cancelled': name => `The sign-in at ${name} was cancelled.`,
    'rejected': name => `The answer of ${name} failed the escrow's checks, so nobody was signed in. Try again; `
        + 'if it happens again, tell DGIT.',
    'expired': () => 'That sign-in expired or was already used. Start again.',
    'provider-unavailable': name => `${name} cannot be reached right now. Try again in a few minutes; `
        + 'DGIT keeps a break-glass sign-in for emergencies.'
};

export function SignInPage({ onSignedIn }) {
    usePageTitle('Sign in');
    const [campus, setCampus] = useState(undefined);
    const outcome = new URLSearchParams(window.location.search).get('sso');
    useEffect(() => {
        api.singleSignOn.offered().then(setCampus, () => setCampus(null));
    }, []);
    if (campus === undefined) {
        return html`<main id="main" class="sign-in-page"><p class="loading">Loading…</p></main>`;
    }
    const name = campus?.name || 'campus sign-in';
    return html`<main id="main" class="sign-in-page">
        <h1>Credential escrow</h1>
        <p class="lead">DGIT's escrow of the school's official social-media logins.</p>
        ${campus && outcome === 'code-required'
            ? html`<${CampusCodeForm} name=${name} onSignedIn=${onSignedIn} />`
            : html`${campus && html`<section class="campus-sign-in" aria-label="Campus sign-in">
                    ${CAMPUS_REFUSALS[outcome] && html`<div class="problem" role="alert">
                        <p class="problem-headline">Not signed in.</p><p>${CAMPUS_REFUSALS[outcome](name)}</p></div>`}
                    <p><a class="button" href=${campus.start}>Sign in with ${name}</a></p>
                    <p class="muted">${campus.localSignIn === 'break-glass'
                        ? 'Or, for break-glass access only, with an escrow username:'
                        : 'Or with your escrow username:'}</p>
                </section>`}
                ${!campus && html`<p>Sign in with your escrow username.</p>`}
                <${SignInForm} onSignedIn=${onSignedIn} autofocus=${!campus} />`}
    </main>`;
}

/** After a campus sign-in that was not multi-factor: the escrow's own code. */
function CampusCodeForm({ name, onSignedIn }) {
    const [code, setCode] = useState('');
    const [recovery, setRecovery] = useState(false);
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        const codes = recovery ? { recoveryCode: code.trim() } : { totpCode: code.trim() };
        try {
            const answer = await api.singleSignOn.secondFactor(codes);
            history.replaceState(null, '', '/sign-in');
            await onSignedIn(answer);
        } finally {
            setCode('');
        }
    });
    if (error?.kind === 'sign-in-expired') {
        return html`<div class="problem" role="alert"><p class="problem-headline">Not signed in.</p>
            <p>${CAMPUS_REFUSALS.expired()}</p></div>
            <p><a class="button" href="/sign-in">Start again</a></p>`;
    }
    return html`<form ref=${form} class="stack sign-in-form" onSubmit=${submitted(form, run)} novalidate>
        <p>${name} knows who you are. Your escrow sign-in also needs ${recovery
            ? 'one of your recovery codes' : 'the code from your authenticator app'}.</p>
        <${ProblemMessage} error=${error} />
        <${Field} label=${recovery ? 'Recovery code' : 'Code from your authenticator app'} value=${code}
            onValue=${setCode} inputmode=${recovery ? 'text' : 'numeric'} autocomplete="one-time-code"
            maxlength=${recovery ? 40 : 10} required autofocus />
        <div class="actions">
            <button type="submit" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
            <button type="button" class="link" onClick=${() => { setCode(''); setRecovery(!recovery); }}>
                ${recovery ? 'Use the authenticator app instead' : 'Use a recovery code instead'}</button>
        </div>
    </form>`;
}

/** The sign-in form, on its page and in the dialog that comes back when a session ends. */
export function SignInForm({ onSignedIn, autofocus }) {
    const [username, setUsername] = useState('');
    const [password, setPassword] = useState('');
    const [step, setStep] = useState('password');
    const [code, setCode] = useState('');
    const form = useRef(null);
    const { busy, error, setError, run } = useAction(async () => {
        const credentials = { username, password };
        if (step === 'totp') {
            credentials.totpCode = code.trim();
        } else if (step === 'recovery') {
            credentials.recoveryCode = code.trim();
        }
        try {
            const answer = await api.session.signIn(credentials);
            setPassword('');
            setCode('');
            await onSignedIn(answer);
        } catch (e) {
            if (e.kind === 'mfa-required' && step === 'password') {
                setStep('totp');
                return;
            }
            setCode('');
            throw e;
        }
    });

    useEffect(() => {
        if (step !== 'password' && form.current) {
            form.current.querySelector('input[autocomplete="one-time-code"]')?.focus();
        }
    }, [step]);

    const submit = submitted(form, run);
    const otherCodeKind = () => {
        setCode('');
        setError(null);
        setStep(step === 'totp' ? 'recovery' : 'totp');
    };
    return html`<form ref=${form} class="stack sign-in-form" onSubmit=${submit} novalidate>
        <${ProblemMessage} error=${error} />
        <${Field} label="Username" value=${username} onValue=${setUsername} autocomplete="username" required
            autofocus=${autofocus} readOnly=${step !== 'password'} />
        <${Field} label="Password" type="password" value=${password} onValue=${setPassword}
            autocomplete="current-password" required readOnly=${step !== 'password'} />
        ${step === 'totp' && html`<${Field} label="Code from your authenticator app" value=${code} onValue=${setCode}
            inputmode="numeric" autocomplete="one-time-code" maxlength="10" required
            hint="Six digits; a new one every 30 seconds." />`}
        ${step === 'recovery' && html`<${Field} label="Recovery code" value=${code} onValue=${setCode}
            autocomplete="one-time-code" maxlength="40" required
            hint="One of the codes you saved when you set up the authenticator app; each works once." />`}
        <div class="actions">
            <button type="submit" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
            ${step !== 'password' && html`<button type="button" class="link" onClick=${otherCodeKind}>
                ${step === 'totp' ? 'Use a recovery code instead' : 'Use the authenticator app instead'}</button>`}
        </div>
    </form>`;
}
