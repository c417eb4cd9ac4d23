// An account's rotation schedule, for its page: the interval that applies and where it comes from, the last rotation
// and the next due date; DGIT admins and the department's owners give the account its own interval, or drop it.
import {
    html, useState, useRef, Field, ProblemMessage, Notice, submitted, useAction, formatDateTime
} from '../components.js';
import * as api from '../api.js';

const SOURCES = { ACCOUNT: 'its own', PLATFORM: "the platform's", DEFAULT: 'the default' };

/** The schedule as details-list entries. */
export function RotationDetails({ account }) {
    return html`<dt>Rotation</dt><dd>Every ${account.rotationIntervalDays} days
            (${SOURCES[account.rotationIntervalSource] || account.rotationIntervalSource})
        ${account.nextRotationDueAt && html`<div>next due ${formatDateTime(account.nextRotationDueAt)}</div>`}
        ${account.lastRotatedAt && html`<div class="muted">last rotated ${formatDateTime(account.lastRotatedAt)}</div>`}
        </dd>`;
}

/** The account's own interval (1 to 730 days) with a reason, or back to the platform's or the default. */
export function RotationIntervalForm({ account, onChanged }) {
    const own = account.rotationIntervalSource === 'ACCOUNT';
    const [days, setDays] = useState(String(account.rotationIntervalDays));
    const [reason, setReason] = useState('');
    const [message, setMessage] = useState(null);
    const [invalid, setInvalid] = useState({});
    const form = useRef(null);
    const save = useAction(async () => {
        const changed = await api.rotations.setInterval(account.id, Number(days), reason.trim());
        setReason('');
        setMessage(`The account is now rotated every ${changed.rotationIntervalDays} days.`);
        await onChanged();
    });
    const drop = useAction(async () => {
        const changed = await api.rotations.clearInterval(account.id);
        setDays(String(changed.rotationIntervalDays));
        setMessage(`The account follows ${SOURCES[changed.rotationIntervalSource]} interval again: every `
            + `${changed.rotationIntervalDays} days.`);
        await onChanged();
    });
    const submit = submitted(form, async () => {
        const number = Number(days);
        const wrong = {
            days: Number.isInteger(number) && number >= 1 && number <= 730 ? null
                : 'A whole number of days, 1 to 730.',
            reason: reason.trim() ? null : 'Say why: it is kept in the audit trail.'
        };
        setInvalid(wrong);
        if (!Object.values(wrong).some(Boolean)) {
            setMessage(null);
            await save.run();
        }
    });
    const errors = save.error ? save.error.fieldErrors : {};
    return html`<form ref=${form} class="stack narrow" onSubmit=${submit} novalidate
            aria-labelledby="rotation-interval-title">
        <h2 id="rotation-interval-title">Rotation interval</h2>
        <${Notice} message=${message} />
        <${ProblemMessage} error=${save.error || drop.error} />
        <${Field} label="Rotate every (days)" type="number" min="1" max="730" value=${days} onValue=${setDays}
            required error=${invalid.days || errors.days}
            hint="The next due date is the last rotation plus this many days." />
        <${Field} label="Why this interval" value=${reason} onValue=${setReason} required maxlength="500"
            error=${invalid.reason || errors.reason} />
        <div class="actions">
            <button type="submit" disabled=${save.busy}>Set the interval</button>
            ${own && html`<button type="button" class="secondary" disabled=${drop.busy}
                onClick=${() => drop.run()}>Use the platform's or the default interval</button>`}
        </div>
    </form>`;
}
