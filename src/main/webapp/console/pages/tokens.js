// API tokens for systems (HR's system, scripts): DGIT admins create them, see them listed without their secrets, and
// revoke them. A new token's secret is on screen once, in this page's memory only, until it is put away.
import {
    submitted, html, useState, useEffect, useRef, useContext, ConsoleContext, Field, Badge, ProblemMessage, useAction,
    usePageTitle, useLoaded, CopyButton, ROLES, roleName, formatDateTime, useWhenSessionEnds, Notice, AskButton,
    ConfirmButtons
} from '../components.js';
import * as api from '../api.js';
import { useDirectory, DepartmentOptions } from '../directory.js';

/** The roles a token may carry (HR_STAFF and SUPERVISOR are for people). */
const TOKEN_ROLES = ['HR_INTEGRATION', 'AUDITOR', 'DEPARTMENT_OWNER', 'DGIT_ADMIN'];
const DEFAULT_DAYS = 90;
const MAX_DAYS = 365;

/** The date {@code days} from today in the person's own calendar, as a date field holds it (yyyy-mm-dd). */
function inDays(days) {
    const date = new Date();
    date.setDate(date.getDate() + days);
    return [date.getFullYear(), date.getMonth() + 1, date.getDate()].map(n => String(n).padStart(2, '0')).join('-');
}

function tokenState(token) {
    if (token.revokedAt) {
        return html`<${Badge} tone="muted">Revoked ${formatDateTime(token.revokedAt)}<//>`;
    }
    if (Date.parse(token.expiresAt) < Date.now()) {
        return html`<${Badge} tone="muted">Expired<//>`;
    }
    return html`<${Badge} tone="info">Active<//>`;
}

export function TokensPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('API tokens');
    const directory = useDirectory(session);
    const list = useLoaded(() => api.tokens.list(), []);
    const [created, setCreated] = useState(null);
    const [asked, setAsked] = useState(null);
    const [kept, setKept] = useState(null);
    const [message, setMessage] = useState(null);
    // The new token is for the person who made it: it leaves the page with their session.
    useWhenSessionEnds(() => setCreated(null));
    const revoke = useAction(async token => {
        setMessage(null);
        await api.tokens.revoke(token.id);
        setAsked(null);
        await list.reload();
        setMessage(`${token.name} revoked: it works no more.`);
    });
    return html`<h1>API tokens</h1>
        <p class="lead">A token lets a system call the API with one role. It is shown once, when it is made; the
        escrow keeps only its digest.</p>
        ${created ? html`<${NewToken} created=${created} onDone=${() => {
                setCreated(null);
                setMessage('The token is no longer on the page.');
            }} />`
            : html`<${TokenForm} directory=${directory} onCreated=${token => {
                setMessage(null);
                setCreated(token);
                list.reload();
            }} />`}
        <${Notice} message=${message} />
        <section aria-labelledby="tokens-title">
            <h2 id="tokens-title">Tokens</h2>
            <${ProblemMessage} error=${list.error || revoke.error} />
            ${list.data && list.data.length === 0 && html`<p>No token yet.</p>`}
            ${list.data && list.data.length > 0 && html`<table class="tokens">
                <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Expires</th>
                    <th scope="col">Last used</th><th scope="col">State</th>
                    <th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
                <tbody>${list.data.map(token => html`<tr>
                    <td data-label="Name">${token.name}<div class="muted">${'made '
                        + formatDateTime(token.createdAt) + ' by ' + directory.personName(token.createdBy)}</div></td>
                    <td data-label="Role">${roleName(token.role)}${token.departmentId && html`<div class="muted">
                        ${directory.departmentName(token.departmentId)}</div>`}</td>
                    <td data-label="Expires">${formatDateTime(token.expiresAt)}</td>
                    <td data-label="Last used">${token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'never'}</td>
                    <td data-label="State">${tokenState(token)}</td>
                    <td>${!token.revokedAt && (asked === token.id ? html`<${ConfirmButtons}
                        busy=${revoke.busy} onConfirm=${() => revoke.run(token)} onKeep=${() => {
                            setAsked(null);
                            setKept(token.id);
                        }}>Revoke ${token.name} now<//>` : html`<${AskButton} label=${'Revoke ' + token.name}
                        focused=${kept === token.id} onAsk=${() => setAsked(token.id)}>Revoke<//>`)}</td>
                </tr>`)}</tbody>
            </table>`}
        </section>`;
}

function TokenForm({ directory, onCreated }) {
    const [fields, setFields] = useState({ name: '', role: '', departmentId: '', expires: inDays(DEFAULT_DAYS) });
    const set = name => value => setFields(current => ({ ...current, [name]: value }));
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        const scoped = ROLES[fields.role]?.scoped;
        // The end of the chosen day, in the person's time zone.
        const expiresAt = fields.expires ? new Date(fields.expires + 'T23:59:59').toISOString() : undefined;
        const token = await api.tokens.create({
            name: fields.name, role: fields.role || undefined, expiresAt,
            departmentId: scoped ? fields.departmentId || undefined : undefined
        });
        setFields({ name: '', role: '', departmentId: '', expires: inDays(DEFAULT_DAYS) });
        onCreated(token);
    });
    const submit = submitted(form, run);
    const errors = error ? error.fieldErrors : {};
    return html`<section aria-labelledby="new-token-title">
        <h2 id="new-token-title">Make a token</h2>
        <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
            <${ProblemMessage} error=${error} />
            <${Field} label="Name" value=${fields.name} onValue=${set('name')} required maxlength="100"
                error=${errors.name} hint="What uses it, e.g. Workday offboarding feed" />
            <${Field} as="select" label="Role" value=${fields.role} onValue=${set('role')} required error=${errors.role}
                hint=${ROLES[fields.role] ? 'Allows: ' + ROLES[fields.role].allows : 'What it may do.'}>
                <option value="">Choose a role</option>
                ${TOKEN_ROLES.map(role => html`<option value=${role}>${roleName(role)}</option>`)}
            <//>
            ${ROLES[fields.role]?.scoped && html`<${Field} as="select" label="Department it covers"
                value=${fields.departmentId} onValue=${set('departmentId')} required error=${errors.departmentId}>
                <${DepartmentOptions} directory=${directory} none="Choose a department" />
            <//>`}
            <${Field} label="Expires at the end of" type="date" value=${fields.expires} onValue=${set('expires')}
                min=${inDays(0)} max=${inDays(MAX_DAYS)} required error=${errors.expiresAt} />
            <div class="actions"><button type="submit" disabled=${busy}>Make the token</button></div>
        </form>
    </section>`;
}

/** The new token, this once: copy it, then put it away; nothing keeps it after that. */
function NewToken({ created, onDone }) {
    const heading = useRef(null);
    useEffect(() => heading.current.focus(), []);
    return html`<section aria-labelledby="token-made-title" class="shown-once">
        <h2 id="token-made-title" tabindex="-1" ref=${heading}>
            Token “${created.name}” made</h2>
        <p class="problem-headline">Copy it now: it is shown only this once, and cannot be shown again.</p>
        <p class="actions"><code class="secret new-token">${created.token}</code>
            <${CopyButton} value=${created.token} label=${'Copy the token ' + created.name} /></p>
        <p class="muted">${roleName(created.role)}, expires ${formatDateTime(created.expiresAt)}. Store it where the
        system that uses it keeps its secrets.</p>
        <div class="actions"><button type="button" onClick=${onDone}>I have stored it</button></div>
    </section>`;
}
