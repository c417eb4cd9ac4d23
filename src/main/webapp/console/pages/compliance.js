// The compliance report (docs/policy.md): for the school or one department, each account's checks under the policy,
// the count of each result per check, and the report's digest, which an attestation names. The report itself is
// drawn by ComplianceReport, which the attestation page shows as the report being attested.
import {
    html, useContext, ConsoleContext, Field, Checkbox, Badge, Link, ProblemMessage, usePageTitle, useAddressFilters,
    useLoaded, statusWords, platformName, holdsAny
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';

/** Each check in the words of the policy, in the report's order. */
const CHECKS = [
    ['approved', 'Approved by a supervisor'],
    ['contentOwner', 'Content owner named and acknowledged'],
    ['backupModerator', 'Backup moderator named and acknowledged'],
    ['departmentOwnerCanReveal', 'Department owner can log in'],
    ['dgitCanReveal', 'DGIT can log in'],
    ['recoveryEmailInstitutional', 'Recovery e-mail institutional'],
    ['recoveryPhoneInstitutional', 'Recovery phone institutional'],
    ['mfaSeedEscrowed', 'Platform MFA seed escrowed'],
    ['rotationNotOverdue', 'Rotation not overdue'],
    ['notSuspended', 'Not suspended']
];
const RESULTS = [['PASS', 'Pass', 'success'], ['FAIL', 'Fail', 'danger'], ['PENDING', 'Pending', 'warn'],
    ['UNKNOWN', 'Unknown', 'muted']];

function checkName(key) {
    return (CHECKS.find(([k]) => k === key) || [key, key])[1];
}

export function ResultBadge({ result }) {
    const [, words, tone] = RESULTS.find(([r]) => r === result) || [result, result, 'muted'];
    return html`<${Badge} tone=${tone}>${words}<//>`;
}

/** The departments whose report the person may read: all for DGIT admins and auditors, else those they own. */
function readableDepartments(session, directory) {
    const all = [...directory.departments.values()];
    return holdsAny(session, ['DGIT_ADMIN', 'AUDITOR']) ? all
        : (session.departments || []).map(id => directory.departments.get(id) || { id, name: id });
}

export function CompliancePage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Compliance report');
    const directory = useDirectory(session);
    const { filters, change } = useAddressFilters('/compliance', ['departmentId', 'failing']);
    const wholeSchool = holdsAny(session, ['DGIT_ADMIN', 'AUDITOR']);
    // A department owner reads one department at a time: their first, until they choose another.
    const departmentId = filters.departmentId || (wholeSchool ? '' : (session.departments || [])[0] || '');
    const report = useLoaded(() => api.compliance.report(departmentId), [departmentId]);
    const departments = readableDepartments(session, directory);
    return html`<div class="page-head"><h1>Compliance report</h1></div>
        <p class="lead">Every account but the retired ones, checked against the policy. Each period, an owner of
            each department attests its report: see the <${Link} href="/attestations">attestations<//>.</p>
        <form class="filters" aria-label="Which report" onSubmit=${e => e.preventDefault()}>
            <${Field} as="select" label="Department" value=${departmentId} onValue=${v => change('departmentId', v)}>
                ${wholeSchool && html`<option value="">The whole school</option>`}
                ${departments.map(d => html`<option value=${d.id}>${d.name}</option>`)}
            <//>
            <div class="filter-checks">
                <${Checkbox} label="Only accounts with a check not passed" checked=${filters.failing === 'yes'}
                    onChecked=${on => change('failing', on ? 'yes' : '')} />
            </div>
        </form>
        <${ProblemMessage} error=${report.error} />
        ${report.data && html`<${ComplianceReport} report=${report.data} directory=${directory}
            onlyFailing=${filters.failing === 'yes'} />
            <p class="actions"><a class="button" href=${api.compliance.csvAddress(departmentId)}
                download="compliance-report.csv">Download as CSV</a></p>`}`;
}

/**
 * A report as read: its digest, the count of each result per check, the departments without a supervisor, and each
 * account with the checks it does not pass (every check behind "All checks").
 */
export function ComplianceReport({ report, directory, onlyFailing }) {
    const rows = onlyFailing ? report.rows.filter(row => notPassed(row).length > 0) : report.rows;
    return html`<p class="muted">Report of ${report.departmentId ? directory.departmentName(report.departmentId)
            : 'the whole school'}, policy version ${report.policyVersion}. Its SHA-256: <code
            class="digest">${report.digest}</code></p>
        ${report.departmentsWithoutSupervisor.length > 0 && html`<p class="warning">No active supervisor approves
            requests in ${report.departmentsWithoutSupervisor.map(directory.departmentName).join(', ')}.</p>`}
        <${Summary} report=${report} />
        <h2 id="report-accounts-title">Accounts (${rows.length})</h2>
        ${rows.length === 0 ? html`<p class="empty" role="status">${onlyFailing ? 'Every account passes every check.'
            : 'No account to report.'}</p>` : html`<table class="accounts compliance"
                aria-labelledby="report-accounts-title">
            <thead><tr><th scope="col">Account</th>${!report.departmentId && html`<th scope="col">Department</th>`}
                <th scope="col">Status</th><th scope="col">Not passed</th></tr></thead>
            <tbody>${rows.map(row => html`<tr>
                <td data-label="Account"><${Link} href=${'/accounts/' + encodeURIComponent(row.accountId)}>
                    ${row.displayName}<//><div class="muted">${platformName(row.platform)} ${row.handle}</div></td>
                ${!report.departmentId && html`<td data-label="Department">
                    ${directory.departmentName(row.departmentId)}</td>`}
                <td data-label="Status">${statusWords(row.status)}</td>
                <td data-label="Not passed"><${Checks} row=${row} /></td>
            </tr>`)}</tbody>
        </table>`}`;
}

function notPassed(row) {
    return Object.entries(row.checks).filter(([, check]) => check.result !== 'PASS');
}

function CheckItem([key, check]) {
    return html`<li><${ResultBadge} result=${check.result} /> ${checkName(key) + ': ' + check.finding}</li>`;
}

function Checks({ row }) {
    const open = notPassed(row);
    return html`${open.length === 0 ? html`<${Badge} tone="success">Every check passes<//>` : html`<ul class="checks">
            ${open.map(CheckItem)}</ul>`}
        <details><summary>All checks</summary><ul class="checks">${Object.entries(row.checks).map(CheckItem)}</ul>
        </details>`;
}

function Summary({ report }) {
    // Focusable, so a keyboard can scroll it where a phone is too narrow for the counts.
    return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="report-summary-title"><table
            class="summary" aria-labelledby="report-summary-title">
        <caption id="report-summary-title">Results per check</caption>
        <thead><tr><th scope="col">Check</th>${RESULTS.map(([, words]) => html`<th scope="col">${words}</th>`)}
        </tr></thead>
        <tbody>${Object.entries(report.summary).map(([key, counts]) => html`<tr>
            <th scope="row">${checkName(key)}</th>
            ${RESULTS.map(([result, words]) => html`<td data-label=${words}>${counts[result] || 0}</td>`)}
        </tr>`)}</tbody>
    </table></div>`;
}
