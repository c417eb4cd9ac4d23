// Holders' duties (policy I.2): what a content owner or backup moderator must do, in the policy's words, and their
// acknowledgement of the version they read; an account's holders' duties, present and past (DutyTable).
import {
    html, useState, Badge, Link, ProblemMessage, useAction, usePageTitle, useLoaded, formatDateTime, Notice
} from '../components.js';
import * as api from '../api.js';

const DUTIES = { CONTENT_OWNER: 'Content owner', BACKUP_MODERATOR: 'Backup moderator' };

export function dutyName(duty) {
    return DUTIES[duty.duty] || duty.duty;
}

/** A duty's state in words: awaiting (due, or overdue), acknowledged (when, which version), ended. */
export function DutyState({ duty }) {
    if (duty.state === 'ACKNOWLEDGED') {
        return html`<${Badge} tone="success">Acknowledged<//>
            <div class="muted">${formatDateTime(duty.acknowledgedAt)}, policy version ${duty.policyVersion}</div>`;
    }
    if (duty.state === 'ENDED') {
        return html`<${Badge} tone="muted">Ended<//><div class="muted">${formatDateTime(duty.endedAt)}</div>`;
    }
    return html`${duty.overdue ? html`<${Badge} tone="danger">Overdue<//>` : html`<${Badge} tone="warn">
            To acknowledge<//>`}
        <div class="muted">due by ${formatDateTime(duty.dueAt)}</div>`;
}

/**
 * Duties as a table: each one's account (or, on an account's page, its person), the place held and the state;
 * {@code action} draws a cell of buttons for a duty.
 */
export function DutyTable({ duties, by = 'account', action, caption }) {
    return html`<table class="duties">
        <caption class="visually-hidden">${caption}</caption>
        <thead><tr><th scope="col">${by === 'account' ? 'Account' : 'Person'}</th><th scope="col">As</th>
            <th scope="col">State</th>${action && html`<th scope="col"><span class="visually-hidden">Action</span>
            </th>`}</tr></thead>
        <tbody>${duties.map(duty => html`<tr>
            <td data-label=${by === 'account' ? 'Account' : 'Person'}>${by === 'account' ? html`<${Link}
                href=${'/accounts/' + encodeURIComponent(duty.accountId)}>${duty.accountName || duty.accountId}<//>`
                : duty.personName || duty.personId}</td>
            <td data-label="As">${dutyName(duty)}</td>
            <td data-label="State"><${DutyState} duty=${duty} /></td>
            ${action && html`<td>${action(duty)}</td>`}
        </tr>`)}</tbody>
    </table>`;
}

export function DutiesPage() {
    usePageTitle('Duties');
    const policy = useLoaded(() => api.duties.policy(), []);
    const mine = useLoaded(() => api.duties.mine(), []);
    const [message, setMessage] = useState(null);
    const [stale, setStale] = useState(false);
    const acknowledge = useAction(async duty => {
        setMessage(null);
        setStale(false);
        try {
            await api.duties.acknowledge(duty.id, policy.data.version);
        } catch (e) {
            if (e.status === 422 && e.fieldErrors.policyVersion) {
                // The policy changed since the page loaded it: what was read is not what would be acknowledged.
                setStale(true);
                await policy.reload();
                return;
            }
            throw e;
        }
        await mine.reload();
        setMessage(`Acknowledged: your duties as ${dutyName(duty).toLowerCase()} of ${duty.accountName}, `
            + `policy version ${policy.data.version}.`);
    });
    const duties = mine.data || [];
    return html`<h1>Your duties</h1>
        <p class="lead">Every content owner and backup moderator of an official account takes on the policy's duties
        (section I.2) and acknowledges them for each account they hold.</p>
        <section aria-labelledby="policy-title">
            <h2 id="policy-title">What the policy asks${policy.data ? ` (version ${policy.data.version})` : ''}</h2>
            <${ProblemMessage} error=${policy.error} />
            ${stale && html`<p class="warning" role="alert">The policy has changed since you opened this page. Read
                its duties again below; then acknowledge them.</p>`}
            ${policy.data && html`<ol class="policy-duties">
                ${policy.data.duties.map(d => html`<li>${d.text}</li>`)}</ol>
                <p class="muted">Acknowledge them within ${policy.data.acknowledgeWithinDays} days of taking on an
                account.</p>`}
        </section>
        <section aria-labelledby="your-duties-title">
            <h2 id="your-duties-title">The accounts you hold</h2>
            <${ProblemMessage} error=${mine.error || acknowledge.error} />
            <${Notice} message=${message} />
            ${mine.data && duties.length === 0 && html`<p>You hold no account, so no duty.</p>`}
            ${duties.length > 0 && html`<${DutyTable} duties=${duties} caption="Your duties"
                action=${duty => duty.state === 'AWAITING' && policy.data && html`<button type="button"
                    disabled=${acknowledge.busy} onClick=${() => acknowledge.run(duty)}
                    aria-label=${`Acknowledge my duties as ${dutyName(duty).toLowerCase()} of ${duty.accountName}`}>
                    Acknowledge</button>`} />`}
        </section>`;
}

/** The start page's block: the duties that wait for the signed-in person's acknowledgement, if any. */
export function DutiesToAcknowledge() {
    const mine = useLoaded(() => api.duties.mine(), []);
    const waiting = (mine.data || []).filter(d => d.state === 'AWAITING');
    if (!mine.error && waiting.length === 0) {
        return null;
    }
    return html`<section aria-labelledby="duties-title">
        <h2 id="duties-title">Your duties to acknowledge${waiting.length > 0 ? ` (${waiting.length})` : ''}</h2>
        <${ProblemMessage} error=${mine.error} />
        <ul class="attention">${waiting.map(duty => html`<li>
            <span><${Link} href=${'/accounts/' + encodeURIComponent(duty.accountId)}>${duty.accountName}<//>${': '
                + dutyName(duty).toLowerCase()}</span>
            ${duty.overdue ? html`<${Badge} tone="danger">Overdue<//>` : html`<span class="muted">${'due by '
                + formatDateTime(duty.dueAt)}</span>`}
        </li>`)}</ul>
        ${waiting.length > 0 && html`<p><${Link} href="/duties">Read the duties and acknowledge them<//></p>`}
    </section>`;
}
