// An account's standing under the policy, for its page: the status in words with why and by whom, the approval,
// DGIT's suspension, reinstatement, retirement and content actions (policy II), and the holders' duties (policy I.2).
import {
    submitted, html, useState, useRef, Field, Checkbox, Link, ProblemMessage, useAction, useLoaded, formatDateTime,
    Notice, statusWords, ACCOUNT_STATUS, AskButton, ConfirmButtons
} from '../components.js';
import * as api from '../api.js';
import { DutyTable } from './duties.js';

const MIN_REASON = 10;

/** The status, why it last changed, by whom and when; the approval, or a way to ask for it. */
export function StatusDetails({ account, directory, mayRequest }) {
    return html`<dt>Status</dt><dd>${statusWords(account.status)}${account.statusReason
            && html`<div class="pre">“${account.statusReason}”</div>`}${account.statusChangedAt
            && html`<div class="muted">${formatDateTime(account.statusChangedAt) + ' by '
                + directory.personName(account.statusChangedBy)}</div>`}</dd>
        <dt>Approval</dt><dd>${account.approvalRequestId ? html`<${Link}
            href=${'/requests/' + encodeURIComponent(account.approvalRequestId)}>${'Approved '
            + formatDateTime(account.approvedAt)}<//>` : html`None on record${mayRequest && account.status !== 'RETIRED'
            && html` · <${Link} href=${'/requests/new?accountId=' + encodeURIComponent(account.id)}>Request
            approval<//>`}`}</dd>`;
}

/** DGIT admins' actions on the account: suspend, reinstate, retire (two clicks), log a content action. */
export function DgitActions({ account, onChanged }) {
    const [message, setMessage] = useState(null);
    const changed = async words => {
        setMessage(words);
        await onChanged();
    };
    const suspendable = ['REQUESTED', 'APPROVED', 'ACTIVE'].includes(account.status);
    return html`<section aria-labelledby="dgit-title" class="dgit-actions">
        <h2 id="dgit-title">DGIT actions</h2>
        <${Notice} message=${message} />
        ${suspendable && html`<${StatusForm} key="suspend" title="Suspend" button="Suspend the account"
            hint="Told to its holders and department owners. From then only DGIT admins reveal, rotate or change it."
            change=${(reason, rotate) => api.accounts.suspend(account.id, reason, rotate)} rotation
            onDone=${() => changed(`Suspended: ${account.displayName}.`)} />`}
        ${account.status === 'SUSPENDED' && html`<${StatusForm} key="reinstate" title="Reinstate"
            button="Reinstate the account" hint="It returns to the status the suspension interrupted."
            change=${reason => api.accounts.reinstate(account.id, reason)}
            onDone=${() => changed(`Reinstated: ${account.displayName}.`)} />`}
        ${account.status !== 'RETIRED' && html`<${StatusForm} key="retire" title="Retire" button="Retire the account"
            confirm=${'Retire ' + account.displayName + ' now'} hint=${'Access ends for everyone but DGIT (auditors '
            + 'still read it); its logins, versions and audit history are kept.'}
            change=${reason => api.accounts.retire(account.id, reason)}
            onDone=${() => changed(`Retired: ${account.displayName}.`)} />`}
        <${ContentActionForm} account=${account} onLogged=${() => changed('Content action logged.')} />
    </section>`;
}

/** A status change with its reason (10 to 500 characters); {@code confirm} asks for a second click first. */
function StatusForm({ title, button, hint, change, rotation, confirm, onDone }) {
    const [reason, setReason] = useState('');
    const [rotate, setRotate] = useState(false);
    const [asked, setAsked] = useState(false);
    const [kept, setKept] = useState(false);
    const [tooShort, setTooShort] = useState(null);
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        setAsked(false);
        await change(reason.trim(), rotation ? rotate : undefined);
        setReason('');
        await onDone();
    });
    const reasonOk = () => {
        const ok = reason.trim().length >= MIN_REASON;
        setTooShort(ok ? null : `Say why, in at least ${MIN_REASON} characters.`);
        return ok;
    };
    const submit = submitted(form, async () => {
        if (reasonOk()) {
            if (confirm) {
                setAsked(true);
            } else {
                await run();
            }
        }
    });
    return html`<form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
        <h3>${title}</h3>
        <${ProblemMessage} error=${error} states=${ACCOUNT_STATUS} />
        <${Field} label=${'Reason to ' + title.toLowerCase()} value=${reason} onValue=${setReason} required
            minlength=${MIN_REASON} maxlength="500" hint=${hint} error=${tooShort || error?.fieldErrors.reason} />
        ${rotation && html`<${Checkbox} label="Rotate every credential now" checked=${rotate}
            onChecked=${setRotate} />`}
        <div class="actions">${asked ? html`<${ConfirmButtons} busy=${busy} onConfirm=${() => run()} onKeep=${() => {
                setAsked(false);
                setKept(true);
            }}>${confirm}<//>`
            : confirm ? html`<${AskButton} label=${button} focused=${kept}
                onAsk=${() => reasonOk() && setAsked(true)}>${button}<//>`
            : html`<button type="submit" disabled=${busy}>${button}</button>`}</div>
    </form>`;
}

function ContentActionForm({ account, onLogged }) {
    const [description, setDescription] = useState('');
    const [takenAt, setTakenAt] = useState('');
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        await api.accounts.logContentAction(account.id, description.trim(),
            takenAt ? new Date(takenAt).toISOString() : undefined);
        setDescription('');
        setTakenAt('');
        await onLogged();
    });
    const submit = submitted(form, run);
    const errors = error ? error.fieldErrors : {};
    return html`<form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
        <h3>Log a content action</h3>
        <${ProblemMessage} error=${error} />
        <${Field} as="textarea" label="What DGIT did on the platform" value=${description} onValue=${setDescription}
            required maxlength="2000" error=${errors.description} hint="e.g. Removed a post that showed a patient." />
        <${Field} label="When" type="datetime-local" value=${takenAt} onValue=${setTakenAt} error=${errors.takenAt}
            hint="Your local time; leave empty for now. Not in the future." />
        <div class="actions"><button type="submit" disabled=${busy}>Log the content action</button></div>
    </form>`;
}

/** What DGIT did on the platform, newest first: shown to everyone who reads the account. */
export function ContentActions({ account, directory, revision }) {
    const actions = useLoaded(() => api.accounts.contentActions(account.id), [account.id, revision]);
    return html`<section aria-labelledby="content-actions-title">
        <h2 id="content-actions-title">Content actions by DGIT</h2>
        <${ProblemMessage} error=${actions.error} />
        ${actions.data && (actions.data.length === 0 ? html`<p>None logged.</p>` : html`<table class="content-actions">
            <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Logged</th></tr></thead>
            <tbody>${actions.data.map(a => html`<tr>
                <td data-label="When">${formatDateTime(a.takenAt)}</td>
                <td data-label="What" class="pre">${a.description}</td>
                <td data-label="Logged">${formatDateTime(a.recordedAt)}
                    <div class="muted">by ${directory.personName(a.recordedBy)}</div></td>
            </tr>`)}</tbody>
        </table>`)}
    </section>`;
}

/** The duties of the account's holders, present and past. */
export function HolderDuties({ account, revision }) {
    const duties = useLoaded(() => api.duties.ofAccount(account.id), [account.id, revision]);
    return html`<section aria-labelledby="holder-duties-title">
        <h2 id="holder-duties-title">Holders' duties</h2>
        <${ProblemMessage} error=${duties.error} />
        ${duties.data && (duties.data.length === 0 ? html`<p>No duty on record.</p>`
            : html`<${DutyTable} duties=${duties.data} by="person" caption="Holders' duties, newest first" />`)}
    </section>`;
}
