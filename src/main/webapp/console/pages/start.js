// The start page: what needs the signed-in person's attention, by what they hold and their roles: hand-overs to
// confirm, account requests to decide, duties to acknowledge, reports to attest (and those escalated to DGIT),
// rotations due within two weeks or overdue, accounts without a backup moderator, open offboarding cases.
import {
    html, useContext, ConsoleContext, Link, ProblemMessage, usePageTitle, useLoaded, holdsAny, ACCOUNT_READERS,
    OFFBOARDING_READERS, roleName, Badge, formatDateTime
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';
import { AccountBadges } from './accounts.js';
import { HandoversToConfirm, CaseTable, OPEN_STATES } from './offboarding.js';
import { toDecide, supervises } from './requests.js';
import { DutiesToAcknowledge } from './duties.js';
import { AttestationState, attests, periodWords } from './attestations.js';

const SHOWN = 10;
/** Rotations are listed from two weeks ahead: the first reminder's lead (docs/policy.md). */
const SOON = 'P14D';
/** Overdue cases are counted up to this many. */
const COUNTED = 100;

export function StartPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Start');
    const directory = useDirectory(session);
    const overseer = holdsAny(session, ACCOUNT_READERS);
    const soon = { within: SOON, ...(overseer ? {} : { holder: session.id }) };
    return html`<h1>What needs your attention</h1>
        <p class="lead">Signed in as ${session.name}${session.roles.length > 0
            ? ', ' + session.roles.map(roleName).join(', ') : ''}.</p>
        <${HandoversToConfirm} />
        ${supervises(session) && html`<${RequestsToDecide} session=${session} />`}
        <${DutiesToAcknowledge} />
        ${session.roles.includes('DEPARTMENT_OWNER') && html`<${Attestations} id="attest" title="Reports to attest"
            params=${{}} shown=${a => a.state !== 'ATTESTED' && attests(session, a)} directory=${directory}
            none="No report waits for your attestation." />`}
        ${session.roles.includes('DGIT_ADMIN') && html`<${Attestations} id="escalated"
            title="Attestations escalated to DGIT" params=${{ state: 'ESCALATED' }} shown=${() => true}
            directory=${directory} none="No attestation is overdue." />`}
        <${RotationsSoon} title=${overseer ? 'Rotations due within two weeks or overdue' : 'Your accounts to rotate'}
            params=${soon} directory=${directory} />
        ${overseer && html`<${AttentionAccounts} id="backup" title="Accounts without a backup moderator"
            params=${{ backup: 'MISSING' }} more="/accounts?backup=MISSING"
            none="Every account has a backup moderator." />`}
        ${holdsAny(session, OFFBOARDING_READERS) && html`<${OpenCases} directory=${directory} />`}`;
}

function AttentionAccounts({ id, title, params, more, none }) {
    const list = useLoaded(() => api.accounts.list({ ...params, limit: SHOWN }), []);
    const items = list.data ? list.data.items : [];
    return html`<section aria-labelledby=${id + '-title'}>
        <h2 id=${id + '-title'}>${title}</h2>
        <${ProblemMessage} error=${list.error} />
        ${list.data && items.length === 0 && html`<p>${none}</p>`}
        ${items.length > 0 && html`<ul class="attention">${items.map(account => html`<li>
            <${Link} href=${'/accounts/' + encodeURIComponent(account.id)}>${account.displayName}<//>
            <${AccountBadges} account=${account} />
        </li>`)}</ul>
        ${list.data.nextAfter && html`<p><${Link} href=${more}>All of them<//></p>`}`}
    </section>`;
}

function RotationsSoon({ title, params, directory }) {
    const due = useLoaded(() => api.rotations.due({ ...params, limit: SHOWN }), []);
    const items = due.data ? due.data.items : [];
    return html`<section aria-labelledby="rotations-title">
        <h2 id="rotations-title">${title}</h2>
        <${ProblemMessage} error=${due.error} />
        ${due.data && items.length === 0 && html`<p>No login is due for rotation.</p>`}
        ${items.length > 0 && html`<ul class="attention">${items.map(item => html`<li>
            <span><${Link} href=${'/accounts/' + encodeURIComponent(item.accountId)}>${item.displayName}<//>
                <span class="muted"> ${directory.departmentName(item.departmentId)}</span></span>
            ${item.overdue ? html`<${Badge} tone="danger">Overdue since ${formatDateTime(item.dueAt)}<//>`
                : html`<${Badge} tone="warn">Due by ${formatDateTime(item.dueAt)}<//>`}
        </li>`)}</ul>
        ${due.data.truncated && html`<p><${Link} href=${'/rotations' + api.query(params)}>All of them<//></p>`}`}
    </section>`;
}

/** Attestations {@code params} lists that {@code shown} keeps, each linked to its page. */
function Attestations({ id, title, params, shown, directory, none }) {
    const list = useLoaded(() => api.attestations.list(params), []);
    const items = list.data ? list.data.filter(shown) : [];
    return html`<section aria-labelledby=${id + '-title'}>
        <h2 id=${id + '-title'}>${title}${items.length > 0 ? ` (${items.length})` : ''}</h2>
        <${ProblemMessage} error=${list.error} />
        ${list.data && items.length === 0 && html`<p>${none}</p>`}
        ${items.length > 0 && html`<ul class="attention">${items.map(a => html`<li>
            <span><${Link} href=${'/attestations/' + encodeURIComponent(a.id)}>${directory.departmentName(
                a.departmentId)}, ${periodWords(a)}<//></span>
            <${AttestationState} attestation=${a} />
        </li>`)}</ul>`}
    </section>`;
}

function RequestsToDecide({ session }) {
    const pending = useLoaded(() => api.requests.list({ state: 'PENDING', limit: 200 }), []);
    const items = pending.data ? toDecide(session, pending.data) : [];
    return html`<section aria-labelledby="requests-title">
        <h2 id="requests-title">Account requests to decide${items.length > 0 ? ` (${items.length})` : ''}</h2>
        <${ProblemMessage} error=${pending.error} />
        ${pending.data && items.length === 0 && html`<p>No request waits for your decision.</p>`}
        ${items.length > 0 && html`<ul class="attention">${items.map(r => html`<li>
            <span><${Link} href=${'/requests/' + encodeURIComponent(r.id)}>${r.displayName}<//>
                <span class="muted"> requested by ${r.requestedByName}, ${formatDateTime(r.requestedAt)}</span></span>
            ${r.lowFte && html`<${Badge} tone="warn">Content owner below 0.25 FTE<//>`}
        </li>`)}</ul>`}
    </section>`;
}

function OpenCases({ directory }) {
    const open = useLoaded(() => api.offboardings.list({ state: OPEN_STATES, limit: SHOWN }), []);
    const overdue = useLoaded(() => api.offboardings.list({ dueBefore: new Date().toISOString(), limit: COUNTED }),
        []);
    return html`<section aria-labelledby="cases-title">
        <h2 id="cases-title">Open offboarding cases</h2>
        <${ProblemMessage} error=${open.error || overdue.error} />
        ${overdue.data && overdue.data.length > 0 && html`<p class="problem-headline">
            <${Link} href="/offboardings?due=overdue">${(overdue.data.length === 1 ? 'One case is'
                : overdue.data.length + (overdue.data.length === COUNTED ? ' or more' : '') + ' cases are')
                + ' overdue'}<//>.</p>`}
        ${open.data && (open.data.length === 0 ? html`<p>No case is open.</p>`
            : html`<${CaseTable} cases=${open.data} directory=${directory} />
                <p><${Link} href="/offboardings">All cases<//></p>`)}
    </section>`;
}
