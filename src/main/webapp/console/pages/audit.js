// The audit trail: search by person, account, action, outcome and time, page by page, each entry's details; the
// chain verified with its verdict in words; an export to verify offline. Auditors and DGIT admins see everything,
// department owners their departments' entries (and neither verification nor export).
import {
    html, useState, useContext, ConsoleContext, Field, Badge, ProblemMessage, useAction, usePageTitle,
    useAddressFilters, useCursorPages, useLoaded, Pager, holdsAny, formatDateTime
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';

const ACTIONS = [
    'SIGN_IN', 'SIGN_OUT', 'SIGN_IN_LOCKED', 'PASSWORD_CHANGE', 'MFA_ENROLMENT_START', 'MFA_ENROLMENT_CONFIRM',
    'MFA_RECOVERY_CODES', 'SESSION_END', 'SESSION_END_OTHERS', 'TOKEN_CREATE', 'TOKEN_REVOKE', 'TOKEN_USE',
    'DEPARTMENT_CREATE', 'PERSON_CREATE', 'PERSON_UPDATE', 'PERSON_REACTIVATE', 'ROLE_GRANT', 'ROLE_REVOKE',
    'KEY_ROTATION_START', 'KEY_RETIRE', 'KEY_ROOT_ROTATION', 'ACCOUNT_CREATE', 'ACCOUNT_UPDATE', 'ACCOUNT_REASSIGN',
    'ACCOUNT_READ', 'CREDENTIAL_ROTATE', 'CREDENTIAL_REVEAL', 'CREDENTIAL_HISTORY', 'TOTP_CODE',
    'OFFBOARDING_REQUEST', 'OFFBOARDING_STEP', 'OFFBOARDING_CONFIRM', 'OFFBOARDING_COMPLETE', 'REQUEST_DENIED',
    'AUDIT_EXPORT', 'AUDIT_VERIFY', 'ROTATION_INTERVAL', 'POLICY_REMINDER'
];
const OUTCOMES = { ALLOWED: 'success', DENIED: 'danger', FAILED: 'warn' };
const FILTERS = ['actor', 'targetId', 'action', 'outcome', 'from', 'to'];
/** Who verifies and exports the trail. */
const VERIFIERS = ['DGIT_ADMIN', 'AUDITOR'];
const PAGE_SIZE = 50;

function words(action) {
    const text = action.toLowerCase().replaceAll('_', ' ');
    return text[0].toUpperCase() + text.slice(1);
}

/** A day chosen in a date field as the instant it starts or ends, in the person's time zone. */
function dayBoundary(day, end) {
    return day ? new Date(day + (end ? 'T23:59:59.999' : 'T00:00:00')).toISOString() : '';
}

export function AuditPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Audit');
    const directory = useDirectory(session);
    const { filters, change, search } = useAddressFilters('/audit', FILTERS);
    const pages = useCursorPages(search);
    const accounts = useLoaded(() => api.accounts.list({ limit: 200, sort: 'displayName' }), []);
    const accountNames = new Map((accounts.data ? accounts.data.items : []).map(a => [a.id, a.displayName]));
    const range = { from: dayBoundary(filters.from, false), to: dayBoundary(filters.to, true) };
    const list = useLoaded(() => api.audit.events({
        actor: filters.actor, targetId: filters.targetId, action: filters.action, outcome: filters.outcome,
        ...range, before: pages.cursor, limit: PAGE_SIZE
    }), [search, pages.cursor]);
    const [opened, setOpened] = useState(new Set());
    const toggle = seq => setOpened(current => {
        const next = new Set(current);
        if (!next.delete(seq)) {
            next.add(seq);
        }
        return next;
    });
    const target = entry => {
        if (entry.targetType === 'account' && accountNames.has(entry.targetId)) {
            return accountNames.get(entry.targetId);
        }
        if (entry.targetType === 'person') {
            return directory.personName(entry.targetId);
        }
        return [entry.targetType, entry.targetId].filter(Boolean).join(' ');
    };
    return html`<h1>Audit</h1>
        <p class="lead">Every access to the escrow, allowed or refused, newest first, in one hash chain.</p>
        <form class="filters" role="search" aria-label="Find audit entries" onSubmit=${e => e.preventDefault()}>
            <${Field} as="select" label="Person" value=${filters.actor} onValue=${v => change('actor', v)}>
                <option value="">Anyone</option>
                ${[...directory.people.values()].sort((a, b) => a.name.localeCompare(b.name))
                    .map(p => html`<option value=${p.id}>${p.name}</option>`)}
            <//>
            <${Field} as="select" label="Account" value=${filters.targetId} onValue=${v => change('targetId', v)}>
                <option value="">Any account</option>
                ${filters.targetId && !accountNames.has(filters.targetId)
                    && html`<option value=${filters.targetId}>${filters.targetId}</option>`}
                ${[...accountNames].map(([id, name]) => html`<option value=${id}>${name}</option>`)}
            <//>
            <${Field} as="select" label="Action" value=${filters.action} onValue=${v => change('action', v)}>
                <option value="">Any action</option>
                ${ACTIONS.map(a => html`<option value=${a}>${words(a)}</option>`)}
            <//>
            <${Field} as="select" label="Outcome" value=${filters.outcome} onValue=${v => change('outcome', v)}>
                <option value="">Any outcome</option>
                ${Object.keys(OUTCOMES).map(o => html`<option value=${o}>${words(o)}</option>`)}
            <//>
            <${Field} label="From" type="date" value=${filters.from} onValue=${v => change('from', v)} />
            <${Field} label="To" type="date" value=${filters.to} onValue=${v => change('to', v)} />
        </form>
        <${ProblemMessage} error=${list.error} />
        ${list.data && (list.data.items.length === 0 ? html`<p class="empty" role="status">No entry matches.</p>`
            : html`<table class="audit">
            <caption class="visually-hidden">Audit entries, ${list.data.items.length} on this page</caption>
            <thead><tr><th scope="col">Entry</th><th scope="col">When</th><th scope="col">Who</th>
                <th scope="col">What</th><th scope="col">Outcome</th></tr></thead>
            <tbody>${list.data.items.map(entry => html`<tr>
                <td data-label="Entry"><button type="button" class="link" aria-expanded=${opened.has(entry.seq)}
                    aria-controls=${'entry-' + entry.seq} onClick=${() => toggle(entry.seq)}
                    aria-label=${'Details of entry ' + entry.seq}>#${entry.seq}</button></td>
                <td data-label="When">${formatDateTime(entry.occurredAt)}</td>
                <td data-label="Who">${entry.actorName || directory.personName(entry.actorId)}
                    <div class="muted">${entry.actorType.toLowerCase()}</div></td>
                <td data-label="What">${words(entry.action)}<div class="muted">${target(entry)}</div>
                    ${entry.reason && html`<div class="muted">“${entry.reason}”</div>`}</td>
                <td data-label="Outcome"><${Badge} tone=${OUTCOMES[entry.outcome]}>${words(entry.outcome)}<//></td>
            </tr>
            ${opened.has(entry.seq) && html`<tr class="entry-details" id=${'entry-' + entry.seq}>
                <td colspan="5"><${EntryDetails} entry=${entry} /></td></tr>`}`)}</tbody>
        </table>`)}
        ${list.data && html`<${Pager} pages=${pages} nextCursor=${list.data.nextBefore} />`}
        ${holdsAny(session, VERIFIERS) && html`<${Verification} />
            <${Export} range=${range} />`}`;
}

/** Everything an entry records. */
function EntryDetails({ entry }) {
    return html`<dl class="details">
        <dt>Sequence</dt><dd>${entry.seq}</dd>
        <dt>Time (UTC)</dt><dd>${entry.occurredAt}</dd>
        <dt>Actor</dt><dd>${entry.actorType} ${entry.actorId || ''} ${entry.actorName || ''}</dd>
        ${entry.actorRoles && html`<dt>Roles in force</dt><dd>${entry.actorRoles}</dd>`}
        <dt>Action</dt><dd>${entry.action}</dd>
        ${entry.targetType && html`<dt>Target</dt><dd>${entry.targetType} ${entry.targetId || ''}</dd>`}
        ${entry.departmentId && html`<dt>Department</dt><dd>${entry.departmentId}</dd>`}
        <dt>Outcome</dt><dd>${entry.outcome}</dd>
        ${entry.reason && html`<dt>Reason</dt><dd>${entry.reason}</dd>`}
        ${entry.details && html`<dt>Details</dt><dd><code>${entry.details}</code></dd>`}
        ${entry.clientAddress && html`<dt>Client address</dt><dd>${entry.clientAddress}</dd>`}
        ${entry.requestId && html`<dt>Request id</dt><dd><code>${entry.requestId}</code></dd>`}
        <dt>Hash</dt><dd><code>${entry.hash || 'not sealed yet'}</code></dd>
    </dl>`;
}

function Verification() {
    const [verdict, setVerdict] = useState(null);
    const verify = useAction(async () => setVerdict(await api.audit.verify()));
    return html`<section aria-labelledby="verify-title">
        <h2 id="verify-title">Verify the chain</h2>
        <p>Checks every entry's sequence number and hash from the first entry on, and the signature of every
        checkpoint, on the server, now.</p>
        <div class="actions"><button type="button" disabled=${verify.busy} onClick=${() => verify.run()}>
            ${verify.busy ? 'Verifying…' : 'Verify the chain'}</button></div>
        <${ProblemMessage} error=${verify.error} />
        <div role=${verdict && !verdict.ok ? 'alert' : 'status'}>${verdict && html`<${Verdict} verdict=${verdict} />`}
        </div>
    </section>`;
}

/** A verification's answer in words: what was checked, up to where, and which signed checkpoint vouches for it. */
export function Verdict({ verdict }) {
    const checkpoint = verdict.lastCheckpoint;
    return html`<div class=${'verdict ' + (verdict.ok ? 'success' : 'problem')}>
        <p class="problem-headline">${verdict.ok ? 'The chain is intact.'
            : `The chain is broken at entry ${verdict.firstBadSeq}.`}</p>
        ${!verdict.ok && html`<p>${verdict.problem}</p>`}
        <p>Checked entries ${verdict.fromSeq} to ${verdict.toSeq} (${verdict.entries} entries): each entry's sequence
        number and its hash over the one before, and the signatures of ${verdict.checkpoints} checkpoints.</p>
        ${checkpoint ? html`<p>${`The latest checkpoint is at entry ${checkpoint.seq}, made `
            + `${formatDateTime(checkpoint.createdAt)}, signed by ${checkpoint.signedBy} (key fingerprint `}
            <code>${checkpoint.keyFingerprint}</code>).</p>` : html`<p>No signed checkpoint yet: the trail is
            checked by its hashes alone.</p>`}
        ${verdict.checkedAt && html`<p class="muted">Verified ${formatDateTime(verdict.checkedAt)}.</p>`}
        ${verdict.warnings.length > 0 && html`<ul>${verdict.warnings.map(w => html`<li>${w}</li>`)}</ul>`}
    </div>`;
}

function Export({ range }) {
    const [format, setFormat] = useState('jsonl');
    const address = api.audit.exportAddress({ format, ...range });
    return html`<section aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        <p>The entries of the chosen dates (all, without dates) with their hashes and the checkpoints among them.
        The export is recorded in the trail.</p>
        <div class="export">
            <div class="stack">
                <${Field} as="select" label="Format" value=${format} onValue=${setFormat}>
                    <option value="jsonl">JSON Lines (for the offline verifier)</option>
                    <option value="csv">CSV (for a spreadsheet)</option>
                <//>
                <p><a class="button" href=${address} download=${'audit-export.' + format}>Download the export</a></p>
            </div>
            <div class="instructions">
                <h3>Verify it offline</h3>
                <p>With no database and no private key, from a build of this service (<code>mvn package</code>) and
                plain Java 17:</p>
                <ol>
                    <li>Download the export as JSON Lines, and the audit public key: <a
                        href="/api/v1/keys/audit-public-key" download="audit-public-key.pem">audit-public-key.pem</a>.
                    </li>
                    <li>Run <code>java -cp target/classes edu.ucla.dgsom.escrow.audit.control.AuditVerifier
                        audit-export.jsonl audit-public-key.pem [audit-checkpoints.jsonl]</code></li>
                    <li>It prints <code>OK: entries 1 to N verified</code> and exits 0, or <code>FAILED at sequence
                        S</code> with the cause and exits 1. The checkpoint file, kept outside the database by the
                        operators, adds the heads the database cannot rewrite.</li>
                </ol>
            </div>
        </div>
    </section>`;
}
