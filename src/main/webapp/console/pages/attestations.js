// Periodic attestations (docs/policy.md): each period, an owner of each department reads their department's
// compliance report and attests it is correct or lists corrections. The attestation names the digest of the report
// read; if the report changed meanwhile the service refuses it, and the page shows the report again to be read.
import {
    html, useState, useRef, useContext, ConsoleContext, Field, Checkbox, Badge, Link, ProblemMessage, Notice,
    submitted, useAction, usePageTitle, useAddressFilters, useLoaded, formatDateTime
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';
import { ComplianceReport } from './compliance.js';

const STATES = { OPEN: ['To attest', 'warn'], ESCALATED: ['Escalated to DGIT', 'danger'], ATTESTED: ['Attested', 'success'] };
const VERDICTS = { CORRECT: 'The report is correct', CORRECTIONS: 'The report needs corrections' };
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function AttestationState({ attestation }) {
    const [words, tone] = STATES[attestation.state] || [attestation.state, 'muted'];
    return html`<${Badge} tone=${tone}>${words}<//>`;
}

/** A period in days; its end is the next period's start, hence "until". */
export function periodWords(attestation) {
    return `${day.format(new Date(attestation.periodStart))} until ${day.format(new Date(attestation.periodEnd))}`;
}

/** True if the signed-in person owns the attestation's department, and so is the one to attest it. */
export function attests(session, attestation) {
    return (session.departments || []).includes(attestation.departmentId);
}

export function AttestationsPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Attestations');
    const directory = useDirectory(session);
    const { filters, change, search } = useAddressFilters('/attestations', ['state', 'departmentId']);
    const list = useLoaded(() => api.attestations.list(filters), [search]);
    return html`<div class="page-head"><h1>Attestations</h1></div>
        <p class="lead">Each period, an owner of each department with accounts attests that its <${Link}
            href="/compliance">compliance report<//> is correct, or lists the corrections. A missing attestation is
            reminded to the owners after 7 days and escalated to DGIT after 14.</p>
        <form class="filters" aria-label="Which attestations" onSubmit=${e => e.preventDefault()}>
            <${Field} as="select" label="State" value=${filters.state} onValue=${v => change('state', v)}>
                <option value="">Any state</option>
                ${Object.entries(STATES).map(([state, [words]]) => html`<option value=${state}>${words}</option>`)}
            <//>
            ${directory.departments.size > 0 && html`<${Field} as="select" label="Department"
                value=${filters.departmentId} onValue=${v => change('departmentId', v)}>
                <option value="">All departments</option>
                ${[...directory.departments.values()].map(d => html`<option value=${d.id}>${d.name}</option>`)}
            <//>`}
        </form>
        <${ProblemMessage} error=${list.error} />
        ${list.data && (list.data.length === 0 ? html`<p class="empty" role="status">No attestation to show.</p>`
            : html`<${AttestationTable} attestations=${list.data} directory=${directory} />`)}`;
}

function AttestationTable({ attestations, directory }) {
    return html`<table class="accounts">
        <caption class="visually-hidden">Attestations, newest period first</caption>
        <thead><tr><th scope="col">Department</th><th scope="col">Period</th><th scope="col">State</th>
            <th scope="col">Attested</th></tr></thead>
        <tbody>${attestations.map(a => html`<tr>
            <td data-label="Department"><${Link} href=${'/attestations/' + encodeURIComponent(a.id)}>
                ${directory.departmentName(a.departmentId)}<//></td>
            <td data-label="Period">${periodWords(a)}</td>
            <td data-label="State"><${AttestationState} attestation=${a} /></td>
            <td data-label="Attested">${a.attestedAt ? html`${formatDateTime(a.attestedAt)} by ${a.attestedByName}
                <div class="muted">${VERDICTS[a.verdict]}</div>` : ''}</td>
        </tr>`)}</tbody>
    </table>`;
}

export function AttestationPage({ attestationId }) {
    const { session } = useContext(ConsoleContext);
    const directory = useDirectory(session);
    const loaded = useLoaded(() => api.attestations.get(attestationId), [attestationId]);
    const [message, setMessage] = useState(null);
    const attestation = loaded.data;
    const department = attestation ? directory.departmentName(attestation.departmentId) : '';
    usePageTitle(attestation ? 'Attestation of ' + department : 'Attestation');
    if (!attestation) {
        return html`<h1>Attestation</h1>${loaded.error ? html`<${ProblemMessage} error=${loaded.error} />
            <p><${Link} href="/attestations">Back to the attestations<//></p>` : html`<p>Loading…</p>`}`;
    }
    return html`<p class="breadcrumb"><${Link} href="/attestations">Attestations<//></p>
        <h1>Attestation of ${department}</h1>
        <${Notice} message=${message} />
        <dl class="details">
            <dt>Period</dt><dd>${periodWords(attestation)}</dd>
            <dt>State</dt><dd><${AttestationState} attestation=${attestation} />
                <div class="muted">opened ${formatDateTime(attestation.openedAt)}${attestation.escalatedAt
                    ? ', escalated ' + formatDateTime(attestation.escalatedAt) : ''}</div></dd>
            ${attestation.attestedAt && html`
                <dt>Attested</dt><dd>${formatDateTime(attestation.attestedAt)} by ${attestation.attestedByName}</dd>
                <dt>Verdict</dt><dd>${VERDICTS[attestation.verdict]}</dd>
                ${attestation.corrections && html`<dt>Corrections</dt><dd class="pre">${attestation.corrections}</dd>`}
                <dt>Report attested</dt><dd>SHA-256 <code class="digest">${attestation.reportDigest}</code>
                    <div><a href=${api.attestations.reportAddress(attestation.id)}
                        download=${'attestation-' + attestation.periodId + '.csv'}>Download the exact report
                        attested (CSV)</a></div></dd>`}
        </dl>
        ${attestation.state !== 'ATTESTED' && (attests(session, attestation)
            ? html`<${AttestForm} attestation=${attestation} directory=${directory} onAttested=${async () => {
                setMessage(`Attested: the report of ${department}, ${periodWords(attestation)}.`);
                await loaded.reload();
            }} />`
            : html`<p>Waiting for an owner of the department to read its report and attest it.</p>`)}`;
}

/**
 * The report as it is now, and the attestation of it: a verdict, the corrections with that verdict, and a tick that
 * says the report was read. The digest sent is the one of the report on screen.
 */
function AttestForm({ attestation, directory, onAttested }) {
    const report = useLoaded(() => api.compliance.report(attestation.departmentId), [attestation.departmentId]);
    const [verdict, setVerdict] = useState('');
    const [corrections, setCorrections] = useState('');
    const [read, setRead] = useState(false);
    const [changed, setChanged] = useState(false);
    const [errors, setErrors] = useState({});
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        setChanged(false);
        try {
            await api.attestations.sign(attestation.id, report.data.digest, verdict,
                verdict === 'CORRECTIONS' ? corrections.trim() : undefined);
        } catch (e) {
            if (e.status === 409 && e.fieldErrors.reportDigest) {
                // Something changed an account since the report was drawn: what is attested must be what was read.
                setRead(false);
                setChanged(true);
                await report.reload();
                return;
            }
            throw e;
        }
        await onAttested();
    });
    const submit = submitted(form, async () => {
        const missing = {
            verdict: verdict ? null : 'Say whether the report is correct.',
            corrections: verdict === 'CORRECTIONS' && !corrections.trim() ? 'List the corrections.' : null,
            read: read ? null : 'Tick this once you have read the report.'
        };
        setErrors(missing);
        if (!Object.values(missing).some(Boolean)) {
            await run();
        }
    });
    const serverErrors = error ? error.fieldErrors : {};
    return html`<section aria-labelledby="attest-report-title">
        <h2 id="attest-report-title">The report to attest</h2>
        ${changed && html`<div class="problem" role="alert">
            <p class="problem-headline">The report changed since you read it.</p>
            <p>Here it is again as it is now: read it, then attest it.</p></div>`}
        <${ProblemMessage} error=${report.error} />
        ${report.data && html`<${ComplianceReport} report=${report.data} directory=${directory} />
            <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
                <h2>Your attestation</h2>
                <${ProblemMessage} error=${error} states=${{ ATTESTED: 'attested already' }} />
                <${Field} as="select" label="Your verdict" value=${verdict} onValue=${setVerdict} required
                    error=${errors.verdict || serverErrors.verdict}>
                    <option value="">Choose</option>
                    ${Object.entries(VERDICTS).map(([v, words]) => html`<option value=${v}>${words}</option>`)}
                <//>
                ${verdict === 'CORRECTIONS' && html`<${Field} as="textarea" label="Corrections" value=${corrections}
                    onValue=${setCorrections} required maxlength="4000" error=${errors.corrections
                        || serverErrors.corrections} hint="What is wrong, account by account. DGIT reads them." />`}
                <${Checkbox} label=${'I have read this report (SHA-256 ' + report.data.digest.slice(0, 12)
                    + '…) and attest to it'} checked=${read} onChecked=${setRead} error=${errors.read} />
                <div class="actions"><button type="submit" disabled=${busy}>Attest the report</button></div>
            </form>`}
    </section>`;
}
