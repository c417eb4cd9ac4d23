// The start page: what needs the signed-in person's attention, by what they hold and their roles: hand-overs to
// confirm, account requests to decide, duties to acknowledge, rotations due or overdue, accounts without a backup
// moderator, open offboarding cases.
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

const SHOWN = 10;
/** Overdue cases are counted up to this many. */
const COUNTED = 100;

export function StartPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Start');
    const directory = useDirectory(session);
    const overseer = holdsAny(session, ACCOUNT_READERS);
    const due = { ...(overseer ? {} : { holder: session.id }), rotation: 'DUE', sort: 'rotationDueAt' };
    return html`<h1>What needs your attention</h1>
        <p class="lead">Signed in as ${session.name}${session.roles.length > 0
            ? ', ' + session.roles.map(roleName).join(', ') : ''}.</p>
        <${HandoversToConfirm} />
        ${supervises(session) && html`<${RequestsToDecide} session=${session} />`}
        <${DutiesToAcknowledge} />
        <${AttentionAccounts} id="rotations" title=${overseer ? 'Rotations due or overdue'
            : 'Your accounts to rotate'} params=${due} more=${'/accounts' + api.query(due)}
            none="No login is due for rotation." />
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
