// Offboarding: HR staff and DGIT admins start a case; they and auditors follow the cases; the new holders confirm
// what was handed to them (on their start page, through HandoversToConfirm).
import {
    html, useState, useRef, useContext, ConsoleContext, Field, Checkbox, Badge, Link, ProblemMessage, focusFirstError,
    useAction, usePageTitle, useTicker, useAddressFilters, useLoaded, holdsAny, ACCOUNT_READERS, formatDateTime, Notice,
    OFFBOARDING_STARTERS
} from '../components.js';
import * as api from '../api.js';
import { useDirectory, DepartmentOptions } from '../directory.js';

export const OPEN_STATES = 'SCHEDULED,ACCESS_ENDED,IN_PROGRESS';

const STATES = {
    SCHEDULED: ['Scheduled', 'info'], ACCESS_ENDED: ['Access ended, handing over', 'warn'],
    IN_PROGRESS: ['Handed over, items open', 'warn'], COMPLETED: ['Completed', 'muted']
};
const STEPS = {
    SIGN_IN_DISABLED: 'Sign-in destroyed', SESSIONS_REVOKED: 'Sessions ended', TOKENS_REVOKED: 'API tokens revoked',
    ROLE_REVOKED: 'Role revoked', CONTENT_OWNER_REPLACED: 'New content owner',
    BACKUP_MODERATOR_REPLACED: 'New backup moderator', ACCOUNT_TO_DGIT: 'Account passed to DGIT to place',
    DEPARTMENT_OWNERSHIP_TO_DGIT: 'Department held by DGIT until a new owner', ROTATION_REQUIRED: 'Login to rotate',
    NO_DGIT_ADMIN_LEFT: 'DGIT has no admin with MFA left'
};
const CONFIRMABLE = ['CONTENT_OWNER_REPLACED', 'BACKUP_MODERATOR_REPLACED', 'ACCOUNT_TO_DGIT', 'NO_DGIT_ADMIN_LEFT'];
const DAY = 24 * 60 * 60 * 1000;
const LIST_SIZE = 100;
/** The "due" filter's choices, turned into the API's dueBefore when the list is loaded. */
const DUE = { overdue: ['Overdue', 0], week: ['Due within 7 days', 7 * DAY] };

export function CaseState({ state }) {
    const [label, tone] = STATES[state] || [state, 'info'];
    return html`<${Badge} tone=${tone}>${label}<//>`;
}

function progress(offboarding) {
    const done = offboarding.items.filter(i => i.state === 'DONE').length;
    return { done, total: offboarding.items.length };
}

export function OffboardingsPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Offboarding');
    const directory = useDirectory(session);
    const { filters, change, search } = useAddressFilters('/offboardings', ['state', 'departmentId', 'due']);
    const state = filters.state === 'ALL' ? '' : filters.state || OPEN_STATES;
    const list = useLoaded(() => api.offboardings.list({
        state, departmentId: filters.departmentId, limit: LIST_SIZE,
        dueBefore: DUE[filters.due] ? new Date(Date.now() + DUE[filters.due][1]).toISOString() : ''
    }), [search]);
    return html`<div class="page-head">
            <h1>Offboarding</h1>
            ${holdsAny(session, OFFBOARDING_STARTERS)
                && html`<${Link} class="button" href="/offboardings/new">Start an offboarding<//>`}
        </div>
        <p class="lead">When a workforce member leaves, their access ends and what they held passes to a successor, the
        department owner or DGIT. Newest cases first.</p>
        <form class="filters" role="search" aria-label="Find cases" onSubmit=${e => e.preventDefault()}>
            <${Field} as="select" label="State" value=${filters.state || OPEN_STATES}
                onValue=${v => change('state', v === OPEN_STATES ? '' : v)}>
                <option value=${OPEN_STATES}>Open</option>
                ${Object.entries(STATES).map(([key, [label]]) => html`<option value=${key}>${label}</option>`)}
                <option value="ALL">Any state</option>
            <//>
            <${Field} as="select" label="Department" value=${filters.departmentId}
                onValue=${v => change('departmentId', v)}>
                <${DepartmentOptions} directory=${directory} none="All departments" />
            <//>
            <${Field} as="select" label="Due" value=${filters.due} onValue=${v => change('due', v)}>
                <option value="">Any time</option>
                ${Object.entries(DUE).map(([key, [label]]) => html`<option value=${key}>${label}</option>`)}
            <//>
        </form>
        <${ProblemMessage} error=${list.error} />
        ${list.data && list.data.length === LIST_SIZE && html`<p class="muted">The newest ${LIST_SIZE} cases; narrow
            the filters to see older ones.</p>`}
        ${list.data && html`<${CaseTable} cases=${list.data} directory=${directory} />`}`;
}

export function CaseTable({ cases, directory }) {
    if (cases.length === 0) {
        return html`<p class="empty" role="status">No case matches.</p>`;
    }
    return html`<table class="cases">
        <caption class="visually-hidden">Offboarding cases, ${cases.length} shown</caption>
        <thead><tr><th scope="col">Person leaving</th><th scope="col">Department</th><th scope="col">Effective</th>
            <th scope="col">State</th><th scope="col">Steps done</th></tr></thead>
        <tbody>${cases.map(c => {
            const { done, total } = progress(c);
            return html`<tr>
                <td data-label="Person leaving"><${Link} href=${'/offboardings/' + encodeURIComponent(c.id)}>
                    ${directory.personName(c.personId)}<//><div class="muted">${c.employeeId}</div></td>
                <td data-label="Department">${directory.departmentName(c.departmentId)}</td>
                <td data-label="Effective">${formatDateTime(c.effectiveAt)}</td>
                <td data-label="State"><${CaseState} state=${c.state} /></td>
                <td data-label="Steps done">${total === 0 ? 'none yet' : `${done} of ${total}`}</td>
            </tr>`;
        })}</tbody>
    </table>`;
}

export function NewOffboardingPage() {
    const { session, navigate, search } = useContext(ConsoleContext);
    usePageTitle('Start an offboarding');
    const directory = useDirectory(session);
    // Started from a person's page, the person is chosen already (and with them their department).
    const [fields, setFields] = useState({
        departmentId: '', personId: new URLSearchParams(search).get('person') || '', effectiveAt: '', successorId: '',
        hrReference: '', understood: false
    });
    const set = name => value => setFields(current => ({ ...current, [name]: value }));
    // One key for this form: a repeated submit (a double click, a retry after a lost answer) finds the same case.
    const [idempotencyKey] = useState(() => crypto.randomUUID());
    const form = useRef(null);
    const leaver = directory.people.get(fields.personId);
    const departmentId = fields.departmentId || leaver?.departmentId || '';
    const ofDepartment = [...directory.people.values()]
        .filter(p => p.status === 'ACTIVE' && p.departmentId === departmentId);
    const [localErrors, setLocalErrors] = useState({});
    const { busy, error, run } = useAction(async () => {
        const departure = {
            employeeId: leaver.employeeId, successorId: fields.successorId || undefined,
            hrReference: fields.hrReference.trim() || undefined,
            effectiveAt: fields.effectiveAt ? new Date(fields.effectiveAt).toISOString() : undefined
        };
        const answer = await api.offboardings.start(departure, idempotencyKey);
        navigate('/offboardings/' + encodeURIComponent(answer.data.id));
    });
    const submit = async e => {
        e.preventDefault();
        const missing = {};
        if (!departmentId) {
            missing.departmentId = 'Choose the department of the person who leaves.';
        } else if (!leaver) {
            missing.personId = 'Choose the person who leaves.';
        }
        if (!fields.understood) {
            missing.understood = 'Confirm that you mean to end this person\'s access.';
        }
        setLocalErrors(missing);
        if (Object.keys(missing).length === 0) {
            await run();
        }
        focusFirstError(form.current);
    };
    const errors = { ...(error ? error.fieldErrors : {}), ...localErrors };
    return html`<p class="breadcrumb"><${Link} href="/offboardings">Offboarding<//></p>
        <h1>Start an offboarding</h1>
        <p class="lead">At the effective time the person's sign-in, sessions, tokens and roles end at once. Every
        account they held gets a new holder, and every login they could see is flagged for rotation.</p>
        <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
            <${ProblemMessage} error=${error} />
            <${Field} as="select" label="Department" value=${departmentId} required error=${errors.departmentId}
                onValue=${v => setFields(current => ({ ...current, departmentId: v, personId: '', successorId: '' }))}>
                <${DepartmentOptions} directory=${directory} none="Choose a department" />
            <//>
            <${Field} as="select" label="Person leaving" value=${fields.personId} onValue=${set('personId')} required
                error=${errors.personId || errors.employeeId} disabled=${!departmentId}
                hint="Active people of the department">
                <option value="">Choose a person</option>
                ${ofDepartment.map(p => html`<option value=${p.id}>${p.name} (${p.employeeId})</option>`)}
            <//>
            <${Field} label="Effective" type="datetime-local" value=${fields.effectiveAt}
                onValue=${set('effectiveAt')} error=${errors.effectiveAt}
                hint="Your local time. Leave empty to end access now." />
            <${Field} as="select" label="Successor" value=${fields.successorId} onValue=${set('successorId')}
                error=${errors.successorId} disabled=${!fields.personId}
                hint="Optional: takes over the accounts the person held; else the department owner or DGIT does.">
                <option value="">No successor</option>
                ${ofDepartment.filter(p => p.id !== fields.personId)
                    .map(p => html`<option value=${p.id}>${p.name}</option>`)}
            <//>
            <${Field} label="HR reference" value=${fields.hrReference} onValue=${set('hrReference')} maxlength="100"
                error=${errors.hrReference} hint="Optional: HR's case number; one reference never opens two cases." />
            <${Checkbox} label=${'I mean to end ' + (leaver ? leaver.name + '\'s' : 'this person\'s')
                + ' access at the effective time'} checked=${fields.understood} onChecked=${set('understood')}
                error=${errors.understood} />
            <div class="actions"><button type="submit" disabled=${busy}>Start the offboarding</button></div>
        </form>`;
}

export function OffboardingPage({ caseId }) {
    const { session } = useContext(ConsoleContext);
    const directory = useDirectory(session);
    const loaded = useLoaded(() => api.offboardings.get(caseId), [caseId]);
    const offboarding = loaded.data;
    usePageTitle(offboarding ? 'Offboarding of ' + directory.personName(offboarding.personId) : 'Offboarding');
    // The steps run on the server at the effective time, in moments: follow them then, and only then, since every
    // call keeps the session alive (a case may wait weeks for its time, or days for its rotations).
    const running = Boolean(offboarding) && (offboarding.state === 'ACCESS_ENDED'
        || offboarding.state === 'SCHEDULED' && Date.parse(offboarding.effectiveAt) <= Date.now());
    useTicker(() => loaded.reload(), running, 2);
    const [message, setMessage] = useState(null);
    const confirm = useAction(async item => {
        setMessage(null);
        await api.offboardings.confirm(caseId, item.id);
        await loaded.reload();
        setMessage(`Confirmed: ${STEPS[item.kind]}${item.accountName ? ' of ' + item.accountName : ''}.`);
    });
    if (!offboarding) {
        return html`<h1>Offboarding</h1>${loaded.error ? html`<${ProblemMessage} error=${loaded.error} />`
            : html`<p>Loading…</p>`}`;
    }
    const { done, total } = progress(offboarding);
    const admin = session.roles.includes('DGIT_ADMIN');
    const readsAccounts = holdsAny(session, ACCOUNT_READERS);
    return html`<p class="breadcrumb"><${Link} href="/offboardings">Offboarding<//></p>
        <h1>Offboarding of ${directory.personName(offboarding.personId)}</h1>
        <${CaseState} state=${offboarding.state} />
        <dl class="details">
            <dt>Employee id</dt><dd>${offboarding.employeeId}</dd>
            <dt>Department</dt><dd>${directory.departmentName(offboarding.departmentId)}</dd>
            <dt>Effective</dt><dd>${formatDateTime(offboarding.effectiveAt)}</dd>
            <dt>Successor</dt><dd>${offboarding.successorId ? directory.personName(offboarding.successorId)
                : 'none named'}</dd>
            ${offboarding.hrReference && html`<dt>HR reference</dt><dd>${offboarding.hrReference}</dd>`}
            <dt>Requested</dt><dd>${formatDateTime(offboarding.requestedAt) + ' by '
                + directory.personName(offboarding.requestedBy)}</dd>
            ${offboarding.completedAt && html`<dt>Completed</dt><dd>${formatDateTime(offboarding.completedAt)}</dd>`}
        </dl>
        <section aria-labelledby="steps-title">
            <h2 id="steps-title">Steps</h2>
            <p role="status">${total === 0 ? 'Nothing has run yet: the steps start at the effective time.'
                : `${done} of ${total} steps done.`}</p>
            ${!running && offboarding.state !== 'COMPLETED' && html`<div class="actions no-print">
                <button type="button" class="secondary" onClick=${() => loaded.reload()}>Refresh</button></div>`}
            <${Notice} message=${message} />
            ${total > 0 && html`<progress max=${total} value=${done} aria-label="Steps done"></progress>`}
            <${ProblemMessage} error=${confirm.error || loaded.error} />
            ${total > 0 && html`<table class="items">
                <thead><tr><th scope="col">Step</th><th scope="col">Account</th><th scope="col">From → to</th>
                    <th scope="col">State</th>
                    <th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
                <tbody>${offboarding.items.map(item => html`<tr>
                    <td data-label="Step">${STEPS[item.kind] || item.kind}
                        ${item.detail && html`<div class="muted">${item.detail}</div>`}</td>
                    <td data-label="Account">${!item.accountId ? '' : readsAccounts ? html`<${Link}
                        href=${'/accounts/' + encodeURIComponent(item.accountId)}>
                        ${item.accountName || item.accountId}<//>` : item.accountName || item.accountId}</td>
                    <td data-label="From → to">${item.toPerson ? directory.personName(item.fromPerson) + ' → '
                        + directory.personName(item.toPerson) : ''}</td>
                    <td data-label="State">${item.state === 'DONE' ? 'Done' + (item.resolvedAt ? ', '
                        + formatDateTime(item.resolvedAt) : '') : 'Open' + (item.dueAt ? ', due by '
                        + formatDateTime(item.dueAt) : '')}</td>
                    <td>${admin && item.state === 'OPEN' && CONFIRMABLE.includes(item.kind) && html`<button
                        type="button" class="secondary" disabled=${confirm.busy} onClick=${() => confirm.run(item)}
                        aria-label=${'Confirm: ' + (STEPS[item.kind] || item.kind) + ' '
                            + (item.accountName || '')}>Confirm</button>`}</td>
                </tr>`)}</tbody>
            </table>`}
        </section>`;
}

/** The hand-overs that wait for the signed-in person's confirmation; each confirmed with one button. */
export function HandoversToConfirm() {
    const list = useLoaded(() => api.offboardings.handovers(), []);
    const [message, setMessage] = useState(null);
    const confirm = useAction(async item => {
        setMessage(null);
        await api.offboardings.confirm(item.caseId, item.itemId);
        await list.reload();
        setMessage(`Confirmed: ${STEPS[item.kind]} of ${item.accountName || 'DGIT'}.`);
    });
    const items = list.data || [];
    return html`<section aria-labelledby="handovers-title">
        <h2 id="handovers-title">Hand-overs to confirm${items.length > 0 ? ` (${items.length})` : ''}</h2>
        <${ProblemMessage} error=${list.error || confirm.error} />
        <${Notice} message=${message} />
        ${list.data && items.length === 0 && html`<p>Nothing waits for you.</p>`}
        ${items.length > 0 && html`<ul class="attention">${items.map(item => html`<li>
            <span>${item.accountId ? html`<${Link} href=${'/accounts/' + encodeURIComponent(item.accountId)}>
                ${item.accountName}<//>` : 'DGIT'}: ${STEPS[item.kind] || item.kind}, from ${item.leaverName}
                ${item.dueAt && html`<span class="muted"> (due by ${formatDateTime(item.dueAt)})</span>`}</span>
            <button type="button" class="secondary" disabled=${confirm.busy} onClick=${() => confirm.run(item)}
                aria-label=${'Confirm ' + (STEPS[item.kind] || item.kind) + ' of ' + (item.accountName || 'DGIT')}>
                Confirm</button>
        </li>`)}</ul>`}
    </section>`;
}
