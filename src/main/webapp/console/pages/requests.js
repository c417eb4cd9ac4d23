// Account requests (policy I.1-2): a person of the department asks for an official account, or for the approval of
// a registered one; a supervisor of the department (never the requester) approves or rejects it with a comment.
import {
    submitted, html, useState, useRef, useContext, ConsoleContext, Field, Checkbox, Badge, Link, ProblemMessage,
    useAction, usePageTitle, useAddressFilters, focusFirstError, useLoaded, holdsAny, formatDateTime, Notice,
    PlatformFields, platformName, statusWords, DIRECTORY_READERS, ACCOUNT_READERS
} from '../components.js';
import * as api from '../api.js';
import { useDirectory, DepartmentOptions } from '../directory.js';

/** Below this share of the content owner's time for social media, the approver must acknowledge it (policy I.2). */
const LOW_FTE = 0.25;
const LIST_SIZE = 200;
/** Who reads requests beyond their own: the list with filters. */
const REQUEST_OVERSEERS = ['DGIT_ADMIN', 'AUDITOR', 'DEPARTMENT_OWNER', 'SUPERVISOR'];

export const REQUEST_STATES = {
    PENDING: ['Waiting for a decision', 'warn'], APPROVED: ['Approved', 'success'], REJECTED: ['Rejected', 'danger'],
    WITHDRAWN: ['Withdrawn', 'muted']
};
/** The states in words, for a refused decision's "state now". */
const STATE_WORDS = Object.fromEntries(Object.entries(REQUEST_STATES).map(([key, [words]]) => [key,
    words.toLowerCase()]));

export function RequestState({ state }) {
    const [label, tone] = REQUEST_STATES[state] || [state, 'info'];
    return html`<${Badge} tone=${tone}>${label}<//>`;
}

/** The pending requests the signed-in person decides: their departments', not their own. */
export function toDecide(session, requests) {
    return requests.filter(r => r.state === 'PENDING' && r.requestedBy !== session.id
        && (session.supervisedDepartments || []).includes(r.departmentId));
}

export function supervises(session) {
    return (session.supervisedDepartments || []).length > 0;
}

export function RequestsPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Account requests');
    const directory = useDirectory(session);
    const { filters, change, search } = useAddressFilters('/requests', ['state', 'departmentId']);
    const overseer = holdsAny(session, REQUEST_OVERSEERS);
    const pending = useLoaded(() => supervises(session) ? api.requests.list({ state: 'PENDING', limit: LIST_SIZE })
        : Promise.resolve([]), []);
    const mine = useLoaded(() => api.requests.list({ mine: true, limit: LIST_SIZE }), []);
    const all = useLoaded(() => overseer ? api.requests.list({ ...filters, limit: LIST_SIZE }) : Promise.resolve([]),
        [search]);
    const deciding = pending.data ? toDecide(session, pending.data) : [];
    return html`<div class="page-head">
            <h1>Account requests</h1>
            <${Link} class="button" href="/requests/new">Request an account<//>
        </div>
        <p class="lead">Every official account needs a supervisor's approval (policy I.1): a department chair, division
        chief or manager of its department decides each request, never their own.</p>
        ${supervises(session) && html`<section aria-labelledby="decide-title">
            <h2 id="decide-title">To decide${deciding.length > 0 ? ` (${deciding.length})` : ''}</h2>
            <${ProblemMessage} error=${pending.error} />
            ${pending.data && html`<${RequestTable} requests=${deciding} directory=${directory}
                none="No request waits for your decision." caption="Requests to decide" />`}
        </section>`}
        <section aria-labelledby="mine-title">
            <h2 id="mine-title">Your requests</h2>
            <${ProblemMessage} error=${mine.error} />
            ${mine.data && html`<${RequestTable} requests=${mine.data} directory=${directory}
                none="You have not requested an account." caption="Your requests" />`}
        </section>
        ${overseer && html`<section aria-labelledby="all-title">
            <h2 id="all-title">${holdsAny(session, ['DGIT_ADMIN', 'AUDITOR']) ? 'All requests'
                : 'Requests of your departments'}</h2>
            <form class="filters" role="search" aria-label="Find requests" onSubmit=${e => e.preventDefault()}>
                <${Field} as="select" label="State" value=${filters.state} onValue=${v => change('state', v)}>
                    <option value="">Any state</option>
                    ${Object.entries(REQUEST_STATES)
                        .map(([key, [label]]) => html`<option value=${key}>${label}</option>`)}
                <//>
                ${directory.departments.size > 0 && html`<${Field} as="select" label="Department"
                    value=${filters.departmentId} onValue=${v => change('departmentId', v)}>
                    <${DepartmentOptions} directory=${directory} none="All departments" />
                <//>`}
            </form>
            <${ProblemMessage} error=${all.error} />
            ${all.data && html`<${RequestTable} requests=${all.data} directory=${directory}
                none="No request matches." caption="Requests" />`}
        </section>`}`;
}

function RequestTable({ requests, directory, none, caption }) {
    if (requests.length === 0) {
        return html`<p class="empty" role="status">${none}</p>`;
    }
    return html`<table class="requests">
        <caption class="visually-hidden">${caption}, ${requests.length} shown, oldest first</caption>
        <thead><tr><th scope="col">Account</th><th scope="col">Department</th><th scope="col">Requested</th>
            <th scope="col">Content owner</th><th scope="col">State</th></tr></thead>
        <tbody>${requests.map(r => html`<tr>
            <td data-label="Account"><${Link} href=${'/requests/' + encodeURIComponent(r.id)}>${r.displayName}<//>
                <div class="muted">${r.handle}, ${r.platformName || platformName(r.platform)}${r.kind === 'EXISTING'
                    ? ' (registered already)' : ''}</div></td>
            <td data-label="Department">${directory.departmentName(r.departmentId)}</td>
            <td data-label="Requested">${formatDateTime(r.requestedAt)}<div class="muted">by ${r.requestedByName}</div>
            </td>
            <td data-label="Content owner">${r.contentOwnerName}<div class="muted">${fte(r.contentOwnerFte) + ' FTE '}
                ${r.lowFte && html`<${Badge} tone="warn">below 0.25<//>`}</div></td>
            <td data-label="State"><${RequestState} state=${r.state} /></td>
        </tr>`)}</tbody>
    </table>`;
}

function fte(share) {
    return Number(share).toFixed(2);
}

/** A holder named by e-mail, or chosen from the department's people by those who may read the directory. */
function HolderField({ label, value, onValue, people, error, hint }) {
    const byEmail = html`<${Field} label=${label + ' (institutional e-mail)'} type="email" value=${value.email}
        onValue=${email => onValue({ ...value, email })} required maxlength="254" autocomplete="off" error=${error}
        hint=${people.length === 0 ? hint : undefined} />`;
    if (people.length === 0) {
        return byEmail;
    }
    return html`<${Field} as="select" label=${label} value=${value.byEmail ? EMAIL : value.id} required hint=${hint}
            onValue=${v => onValue({ id: v === EMAIL ? '' : v, email: '', byEmail: v === EMAIL })}
            error=${value.byEmail ? undefined : error}>
            <option value="">Choose a person</option>
            ${people.map(p => html`<option value=${p.id}>${p.name}</option>`)}
            <option value=${EMAIL}>Someone else, by e-mail address</option>
        <//>
        ${value.byEmail && byEmail}`;
}

/** The holder choice that means "type their e-mail address". */
const EMAIL = 'email';

function holder(prefix, value) {
    return value.id ? { [prefix + 'Id']: value.id } : { [prefix + 'Email']: value.email.trim() || undefined };
}

export function NewRequestPage() {
    const { session, navigate, search } = useContext(ConsoleContext);
    const accountId = new URLSearchParams(search).get('accountId');
    const account = useLoaded(() => accountId ? api.accounts.get(accountId) : Promise.resolve(null), [accountId]);
    usePageTitle(accountId ? 'Request approval' : 'Request an account');
    if (accountId && !account.data) {
        return html`<h1>Request approval</h1>${account.error ? html`<${ProblemMessage} error=${account.error} />`
            : html`<p>Loading…</p>`}`;
    }
    return html`<p class="breadcrumb"><${Link} href="/requests">Account requests<//></p>
        <${RequestForm} key=${accountId || 'new'} session=${session} account=${account.data}
            onRequested=${id => navigate('/requests/' + encodeURIComponent(id))} />`;
}

function RequestForm({ session, account, onRequested }) {
    const directory = useDirectory(session);
    const admin = session.roles.includes('DGIT_ADMIN');
    // The API lets DGIT admins request for any department, owners and supervisors for theirs, everyone for their own.
    const departmentIds = admin ? [...directory.departments.keys()] : [...new Set([session.departmentId,
        ...session.departments, ...(session.supervisedDepartments || [])].filter(Boolean))];
    const [fields, setFields] = useState({
        departmentId: account ? account.departmentId : session.departmentId || '', platform: '', platformName: '',
        handle: '', displayName: '', profileUrl: '', purpose: '', contentOwnerFte: '',
        contentOwner: { id: account ? account.contentOwnerId : '', email: '' },
        backupModerator: { id: account ? account.backupModeratorId : '', email: '' }
    });
    const set = name => value => setFields(current => ({ ...current, [name]: value }));
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        const common = {
            purpose: fields.purpose.trim(), contentOwnerFte: fields.contentOwnerFte === '' ? undefined
                : Number(fields.contentOwnerFte), ...holder('contentOwner', fields.contentOwner),
            ...holder('backupModerator', fields.backupModerator)
        };
        const about = account ? { accountId: account.id } : Object.fromEntries(['departmentId', 'platform',
            'platformName', 'handle', 'displayName', 'profileUrl'].map(name => [name, fields[name].trim()])
            .filter(([name, value]) => value !== '' && (name !== 'platformName' || fields.platform === 'OTHER')));
        const created = await api.requests.create({ ...about, ...common });
        onRequested(created.id);
    });
    const submit = submitted(form, run);
    const errors = error ? error.fieldErrors : {};
    const readsPeople = holdsAny(session, DIRECTORY_READERS) && directory.loaded;
    const people = readsPeople ? [...directory.people.values()]
        .filter(p => p.status === 'ACTIVE' && p.departmentId === fields.departmentId)
        .sort((a, b) => a.name.localeCompare(b.name)) : [];
    // The account's holders stay choosable even where the directory cannot name them.
    const choices = [...people, ...[[account?.contentOwnerId, 'The account\'s content owner now'],
        [account?.backupModeratorId, 'The account\'s backup moderator now']]
        .filter(([id]) => id && !people.some(p => p.id === id))
        .map(([id, now]) => ({ id, name: id === session.id ? `${session.name} (you)` : now }))];
    const share = Number(fields.contentOwnerFte);
    const low = fields.contentOwnerFte !== '' && share > 0 && share < LOW_FTE;
    return html`<h1>${account ? 'Request approval for ' + account.displayName : 'Request an account'}</h1>
        <p class="lead">${account ? 'This account was registered without a supervisor\'s approval. Ask for it here: '
            + 'a supervisor of its department decides.' : 'Tell DGIT about an official account you have or wish to '
            + 'have. A supervisor of its department decides; DGIT\'s Web Product Manager is told.'}</p>
        <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
            <${ProblemMessage} error=${error} />
            ${account ? html`<dl class="details">
                <dt>Platform</dt><dd>${account.platformName || platformName(account.platform)}</dd>
                <dt>Handle</dt><dd>${account.handle}</dd>
                <dt>Department</dt><dd>${directory.departmentName(account.departmentId)}</dd>
            </dl>` : html`<${Field} as="select" label="Department" value=${fields.departmentId} required
                onValue=${v => setFields(current => ({ ...current, departmentId: v,
                    contentOwner: { id: '', email: '' }, backupModerator: { id: '', email: '' } }))}
                error=${errors.departmentId} hint="The department the account speaks for.">
                <option value="">Choose a department</option>
                ${departmentIds.map(id => html`<option value=${id}>${directory.departmentName(id)}</option>`)}
            <//>
            <${PlatformFields} fields=${fields} set=${set} errors=${errors} />
            <${Field} label="Handle" value=${fields.handle} onValue=${set('handle')} required maxlength="200"
                error=${errors.handle} hint="e.g. @uclahealth" />
            <${Field} label="Display name" value=${fields.displayName} onValue=${set('displayName')} required
                maxlength="200" error=${errors.displayName} hint="As people know it, e.g. DGSOM Instagram" />
            <${Field} label="Profile address" type="url" value=${fields.profileUrl} onValue=${set('profileUrl')}
                maxlength="2000" error=${errors.profileUrl} hint="Optional: https://…" />`}
            <${Field} as="textarea" label="Purpose" value=${fields.purpose} onValue=${set('purpose')} required
                maxlength="2000" error=${errors.purpose} hint="What the account is for and who it speaks to." />
            <${HolderField} label="Content owner" value=${fields.contentOwner} onValue=${set('contentOwner')}
                people=${choices} error=${errors.contentOwnerId || errors.contentOwnerEmail || errors.contentOwner}
                hint="Responsible for what the account posts: an active person of the department." />
            <${HolderField} label="Backup moderator" value=${fields.backupModerator}
                onValue=${set('backupModerator')} people=${choices}
                error=${errors.backupModeratorId || errors.backupModeratorEmail || errors.backupModerator}
                hint="Another active person of the department, who stands in for the content owner." />
            <${Field} label="Content owner's FTE for social media" type="number" min="0.01" max="1" step="0.01"
                value=${fields.contentOwnerFte} onValue=${set('contentOwnerFte')} required
                error=${errors.contentOwnerFte} hint=${'The share of their working time for social media, from 0.01 '
                + 'to 1.00. The policy asks for at least 0.25: below that the supervisor must acknowledge it to '
                + 'approve.'} />
            ${low && html`<p class="warning" role="status">Below 0.25 FTE: the supervisor will be asked to acknowledge
                that the content owner has less time for social media than the policy asks.</p>`}
            <div class="actions"><button type="submit" disabled=${busy}>Send the request</button></div>
        </form>`;
}

export function RequestPage({ requestId }) {
    const { session } = useContext(ConsoleContext);
    const directory = useDirectory(session);
    const loaded = useLoaded(() => api.requests.get(requestId), [requestId]);
    const [message, setMessage] = useState(null);
    // A decision or withdrawal that came too late (409): said above the request, which is read again meanwhile.
    const [late, setLate] = useState(null);
    const request = loaded.data;
    usePageTitle(request ? 'Request for ' + request.displayName : 'Account request');
    if (!request) {
        return html`<p class="breadcrumb"><${Link} href="/requests">Account requests<//></p>
            <h1>Account request</h1>${loaded.error ? html`<${ProblemMessage} error=${loaded.error} />`
            : html`<p>Loading…</p>`}`;
    }
    const pending = request.state === 'PENDING';
    const mine = request.requestedBy === session.id;
    const decides = pending && !mine && (session.supervisedDepartments || []).includes(request.departmentId);
    // A supervisor or requester reads the account only if they hold it (or read accounts by role).
    const readsAccount = holdsAny(session, ACCOUNT_READERS)
        || [request.contentOwnerId, request.backupModeratorId].includes(session.id);
    const done = words => {
        setLate(null);
        setMessage(words);
        return loaded.reload();
    };
    const tooLate = error => {
        setLate(error);
        return loaded.reload();
    };
    return html`<p class="breadcrumb"><${Link} href="/requests">Account requests<//></p>
        <h1>Request for ${request.displayName}</h1>
        <${RequestState} state=${request.state} />
        <${Notice} message=${message} />
        <${ProblemMessage} error=${late} states=${STATE_WORDS} />
        <dl class="details">
            <dt>Asks for</dt><dd>${request.kind === 'EXISTING' ? 'The approval of a registered account'
                : 'A new official account'}</dd>
            ${request.accountId && html`<dt>Account</dt><dd>${readsAccount ? html`<${Link}
                href=${'/accounts/' + encodeURIComponent(request.accountId)}>${request.displayName}<//>`
                : request.displayName}${request.accountStatus && `, ${statusWords(request.accountStatus)}`}</dd>`}
            <dt>Department</dt><dd>${directory.departmentName(request.departmentId)}</dd>
            <dt>Platform</dt><dd>${request.platformName || platformName(request.platform)}</dd>
            <dt>Handle</dt><dd>${request.handle}</dd>
            ${request.profileUrl && html`<dt>Profile</dt><dd><a href=${request.profileUrl} rel="noopener noreferrer"
                target="_blank">${request.profileUrl}</a></dd>`}
            <dt>Purpose</dt><dd class="pre">${request.purpose}</dd>
            <dt>Content owner</dt><dd>${request.contentOwnerName}, ${fte(request.contentOwnerFte)} FTE for social
                media${request.lowFte && html` <${Badge} tone="warn">below 0.25 FTE<//>`}</dd>
            <dt>Backup moderator</dt><dd>${request.backupModeratorName}</dd>
            <dt>Requested</dt><dd>${formatDateTime(request.requestedAt)} by ${mine ? 'you'
                : request.requestedByName}</dd>
            ${request.decidedAt && html`<dt>${REQUEST_STATES[request.state]?.[0] || 'Decided'}</dt>
                <dd>${formatDateTime(request.decidedAt)}${request.decidedByName
                    && ` by ${request.decidedByName}`}</dd>`}
            ${request.decisionComment && html`<dt>Comment</dt><dd class="pre">${request.decisionComment}</dd>`}
            ${request.lowFteAcknowledged && html`<dt>Low FTE</dt><dd>Acknowledged by the approver</dd>`}
        </dl>
        ${decides && html`<${Decision} request=${request} onDecided=${done} onLate=${tooLate} />`}
        ${pending && mine && html`<${Withdrawal} request=${request} onWithdrawn=${done} onLate=${tooLate} />`}
        ${pending && mine && supervises(session) && html`<p class="muted">You made this request: another supervisor of
            the department decides it.</p>`}`;
}

/** A supervisor's decision: a comment always, and the low-FTE acknowledgement to approve below 0.25 FTE. */
function Decision({ request, onDecided, onLate }) {
    const [comment, setComment] = useState('');
    const [acknowledged, setAcknowledged] = useState(false);
    const [missing, setMissing] = useState({});
    const form = useRef(null);
    const { busy, error, run } = useAction(async approve => {
        const decided = await lateOrThrow(onLate, () => approve
            ? api.requests.approve(request.id, comment.trim(), request.lowFte ? acknowledged : false)
            : api.requests.reject(request.id, comment.trim()));
        if (!decided) {
            return;
        }
        await onDecided(approve ? `Approved: ${request.displayName}.` : `Rejected: ${request.displayName}.`);
    });
    const decide = approve => async () => {
        const refused = {};
        if (!comment.trim()) {
            refused.comment = 'Write a comment: it is kept with the decision, and the requester is told.';
        }
        if (approve && request.lowFte && !acknowledged) {
            refused.acknowledgeLowFte = 'Tick this to approve a content owner below 0.25 FTE, or reject the request.';
        }
        setMissing(refused);
        if (Object.keys(refused).length === 0) {
            await run(approve);
        }
        focusFirstError(form.current);
    };
    const errors = { ...(error ? error.fieldErrors : {}), ...missing };
    return html`<section aria-labelledby="decision-title">
        <h2 id="decision-title">Your decision</h2>
        <form ref=${form} class="stack narrow" onSubmit=${e => e.preventDefault()} novalidate>
            <${ProblemMessage} error=${error} />
            <${Field} as="textarea" label="Comment" value=${comment} onValue=${setComment} required maxlength="2000"
                error=${errors.comment}
                hint="Why you approve or reject it; kept with the request and in the audit trail." />
            ${request.lowFte && html`<${Checkbox} checked=${acknowledged} onChecked=${on => {
                setAcknowledged(on);
                setMissing(current => ({ ...current, acknowledgeLowFte: undefined }));
            }}
                label="I acknowledge the content owner has less than 0.25 FTE for social media"
                error=${errors.acknowledgeLowFte} />`}
            <div class="actions">
                <button type="button" disabled=${busy} onClick=${decide(true)}>Approve</button>
                <button type="button" class="secondary" disabled=${busy} onClick=${decide(false)}>Reject</button>
            </div>
        </form>
    </section>`;
}

/** The call's answer; or, if the request was decided or withdrawn meanwhile (409), null once onLate has it. */
async function lateOrThrow(onLate, call) {
    try {
        return await call();
    } catch (e) {
        if (e.status !== 409) {
            throw e;
        }
        await onLate(e);
        return null;
    }
}

function Withdrawal({ request, onWithdrawn, onLate }) {
    const { busy, error, run } = useAction(async () => {
        if (!await lateOrThrow(onLate, () => api.requests.withdraw(request.id))) {
            return;
        }
        await onWithdrawn(`Withdrawn: the request for ${request.displayName}.`);
    });
    return html`<section aria-labelledby="withdraw-title">
        <h2 id="withdraw-title">Withdraw</h2>
        <p>Until a supervisor decides, you may withdraw your request.</p>
        <${ProblemMessage} error=${error} />
        <div class="actions"><button type="button" class="secondary" disabled=${busy} onClick=${() => run()}>
            Withdraw the request</button></div>
    </section>`;
}
