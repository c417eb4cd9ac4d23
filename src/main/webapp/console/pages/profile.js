// The signed-in person's own settings: password, authenticator app, recovery codes, and their sessions.
import {
    submitted, html, useState, useEffect, useRef, useContext, ConsoleContext, Field, ProblemMessage, useAction,
    usePageTitle, formatDateTime
} from '../components.js';
import * as api from '../api.js';
import { PasswordChangeForm, MfaEnrolment, RecoveryCodes } from './first-steps.js';

export function ProfilePage() {
    const { session, reloadSession } = useContext(ConsoleContext);
    usePageTitle('Profile');
    const [codes, setCodes] = useState(null);
    const [enrolling, setEnrolling] = useState(false);
    return html`<h1>Profile</h1>
        <p class="lead">Signed in as ${session.name}${session.roles.length > 0
            ? ', ' + session.roles.map(r => r.toLowerCase().replaceAll('_', ' ')).join(', ') : ''}.</p>
        <section aria-labelledby="password-title">
            <h2 id="password-title">Password</h2>
            <${PasswordChangeForm} onChanged=${() => undefined} />
        </section>
        <section aria-labelledby="mfa-title">
            <h2 id="mfa-title">Authenticator app and recovery codes</h2>
            ${codes ? html`<${RecoveryCodes} codes=${codes} onDone=${() => setCodes(null)} />`
                : enrolling ? html`<${MfaEnrolment} currentCodeNeeded=${session.mfaEnrolled} onEnrolled=${c => {
                    setEnrolling(false);
                    setCodes(c);
                    reloadSession();
                }} />`
                : session.mfaEnrolled ? html`<p>Your sign-in needs a code from your authenticator app.</p>
                <div class="actions">
                    <button type="button" class="secondary" onClick=${() => setEnrolling(true)}>
                        Set up a new authenticator app</button>
                </div>
                <${NewRecoveryCodes} onIssued=${setCodes} />`
                : html`<p>You have no authenticator app yet. You need one to see any account's login.</p>
                <div class="actions">
                    <button type="button" onClick=${() => setEnrolling(true)}>Set up an authenticator app</button>
                </div>`}
        </section>
        <${Sessions} />`;
}

function NewRecoveryCodes({ onIssued }) {
    const [code, setCode] = useState('');
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        const answer = await api.session.newRecoveryCodes(code.trim());
        setCode('');
        onIssued(answer.recoveryCodes);
    });
    const submit = submitted(form, run);
    return html`<form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
        <h3>New recovery codes</h3>
        <p>Replaces all your recovery codes: the old ones stop working.</p>
        <${ProblemMessage} error=${error} />
        <${Field} label="Code from your authenticator app" value=${code} onValue=${setCode} inputmode="numeric"
            autocomplete="one-time-code" maxlength="10" required />
        <div class="actions">
            <button type="submit" class="secondary" disabled=${busy}>Make new recovery codes</button>
        </div>
    </form>`;
}

function Sessions() {
    const [sessions, setSessions] = useState(null);
    const [message, setMessage] = useState(null);
    const load = useAction(async () => setSessions(await api.session.list()));
    const endOthers = useAction(async () => {
        await api.session.endOthers();
        setMessage('Your other sessions have ended.');
        await load.run();
    });
    const endOne = useAction(async id => {
        await api.session.end(id);
        await load.run();
    });
    useEffect(() => {
        load.run();
    }, []);
    const others = sessions ? sessions.filter(s => !s.current).length : 0;
    return html`<section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are signed in</h2>
        <${ProblemMessage} error=${load.error || endOthers.error || endOne.error} />
        ${message && html`<p class="success" role="status">${message}</p>`}
        ${sessions && html`<table class="sessions">
            <thead><tr><th scope="col">Signed in</th><th scope="col">Last active</th><th scope="col">From</th>
                <th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
            <tbody>${sessions.map(s => html`<tr>
                <td data-label="Signed in">${formatDateTime(s.createdAt) + (s.current ? ' (this one)' : '')}</td>
                <td data-label="Last active">${formatDateTime(s.lastSeenAt)}</td>
                <td data-label="From">${s.clientAddress || ''}<div class="muted">${s.userAgent || ''}</div></td>
                <td>${!s.current && html`<button type="button" class="secondary" onClick=${() => endOne.run(s.id)}
                    aria-label=${'Sign out the session from ' + formatDateTime(s.createdAt)}>Sign out</button>`}</td>
            </tr>`)}</tbody>
        </table>
        <div class="actions"><button type="button" disabled=${others === 0 || endOthers.busy}
            onClick=${() => endOthers.run()}>Sign out everywhere else</button></div>`}
    </section>`;
}
