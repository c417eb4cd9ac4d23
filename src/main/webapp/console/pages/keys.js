// Keys, for DGIT admins: the key-encryption key versions and how many values each wraps; a rotation started with a
// reason and followed until every value is rewrapped to the new key.
import {
    html, useState, useRef, useContext, ConsoleContext, Field, Badge, ProblemMessage, focusFirstError, useAction,
    usePageTitle, useLoaded, useTicker, formatDateTime, useEffect, Notice
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';

const MIN_REASON = 10;

export function KeysPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Keys');
    const directory = useDirectory(session);
    const versions = useLoaded(() => api.keys.versions(), []);
    const rotations = useLoaded(() => api.keys.rotations(), []);
    const latest = rotations.data && rotations.data[0];
    const running = Boolean(latest) && latest.state === 'RUNNING';
    const reload = () => {
        rotations.reload();
        versions.reload();
    };
    // While a rotation runs (started here or elsewhere), its progress and the versions' counts move: follow them.
    useTicker(reload, running, 2);
    const [message, setMessage] = useState(null);
    const wasRunning = useRef(false);
    useEffect(() => {
        if (wasRunning.current && !running && latest) {
            setMessage(`The rotation finished: every value is wrapped by version ${latest.targetVersion}.`);
        }
        wasRunning.current = running;
    }, [running]);
    return html`<h1>Keys</h1>
        <p class="lead">Every stored secret is sealed with its own data key, wrapped by a key-encryption key. A rotation
        makes a new key-encryption key current and rewraps every data key to it in the background; reveals go on
        meanwhile.</p>
        <section aria-labelledby="versions-title">
            <h2 id="versions-title">Key-encryption keys</h2>
            <${ProblemMessage} error=${versions.error} />
            ${versions.data && html`<table class="keys">
                <thead><tr><th scope="col">Version</th><th scope="col">State</th><th scope="col">Values it wraps</th>
                    <th scope="col">Root key</th><th scope="col">Made</th></tr></thead>
                <tbody>${versions.data.map(k => html`<tr>
                    <td data-label="Version">${k.version} ${k.current && html`<${Badge} tone="info">current<//>`}</td>
                    <td data-label="State">${k.state.toLowerCase()}${k.retiredAt && html`<div class="muted">
                        ${formatDateTime(k.retiredAt)}</div>`}</td>
                    <td data-label="Values it wraps">${k.values}</td>
                    <td data-label="Root key"><code>${k.rootKey || '—'}</code></td>
                    <td data-label="Made">${formatDateTime(k.createdAt)}</td>
                </tr>`)}</tbody>
            </table>`}
        </section>
        <section aria-labelledby="rotation-title">
            <h2 id="rotation-title">Rotate the key-encryption key</h2>
            ${running ? html`<p>A rotation is running; it is followed below.</p>`
                : html`<${RotationForm} onStarted=${() => {
                    setMessage('The rotation started; its progress is below.');
                    reload();
                }} />`}
            <${Notice} message=${message} />
            <${ProblemMessage} error=${rotations.error} />
            ${rotations.data && rotations.data.length > 0 && html`<h3>Rotations</h3>
                <ul class="rotations">${rotations.data.map(r => html`<li><${RotationProgress} rotation=${r}
                    directory=${directory} /></li>`)}
                </ul>`}
        </section>`;
}

function RotationForm({ onStarted }) {
    const [reason, setReason] = useState('');
    const [tooShort, setTooShort] = useState(null);
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        await api.keys.rotate(reason.trim());
        setReason('');
        onStarted();
    });
    const submit = async e => {
        e.preventDefault();
        const short = reason.trim().length < MIN_REASON ? `Say why, in at least ${MIN_REASON} characters.` : null;
        setTooShort(short);
        if (!short) {
            await run();
        }
        focusFirstError(form.current);
    };
    return html`<form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
        <${ProblemMessage} error=${error} />
        <${Field} as="textarea" label="Reason" value=${reason} onValue=${setReason} required maxlength="500"
            error=${tooShort || (error && error.fieldErrors.reason)}
            hint="Recorded in the audit trail, e.g. yearly rotation, or a suspected exposure" />
        <div class="actions"><button type="submit" disabled=${busy}>Start the rotation</button></div>
    </form>`;
}

function RotationProgress({ rotation, directory }) {
    const total = rotation.rewrapped + rotation.remaining;
    const finished = rotation.state === 'COMPLETED';
    return html`<div class="rotation">
        <p><strong>To version ${rotation.targetVersion}</strong>: ${finished
            ? `finished ${formatDateTime(rotation.finishedAt)}, ${rotation.rewrapped} values rewrapped.`
            : `${rotation.rewrapped} values rewrapped, ${rotation.remaining} remaining.`}</p>
        ${!finished && html`<progress max=${Math.max(total, 1)} value=${rotation.rewrapped}
            aria-label=${'Rotation to version ' + rotation.targetVersion}></progress>`}
        <p class="muted">Started ${formatDateTime(rotation.startedAt)} by ${directory.personName(rotation.requestedBy)}:
            “${rotation.reason}”</p>
    </div>`;
}
