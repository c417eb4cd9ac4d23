// Signing in: username and password, then a code from the authenticator app or a recovery code when MFA is on.
import {
    submitted, html, useState, useRef, useEffect, Field, ProblemMessage, useAction, usePageTitle
} from '../components.js';
import * as api from '../api.js';

export function SignInPage({ onSignedIn }) {
    usePageTitle('Sign in');
    return html`<main id="main" class="sign-in-page">
        <h1>Credential escrow</h1>
        <p class="lead">DGIT's escrow of the school's official social-media logins. Sign in with your escrow
        username.</p>
        <${SignInForm} onSignedIn=${onSignedIn} autofocus />
    </main>`;
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
