// Import from another password manager (docs/migration.md): the export file is uploaded and previewed entry by entry;
// its folders are mapped to departments, each department's new accounts given their holders, entries left out; then
// it is imported in one step, or cancelled. Nothing is stored before "Import".
import {
    html, useState, useRef, useContext, ConsoleContext, Field, Checkbox, Badge, Link, ProblemMessage, Notice,
    submitted, useAction, usePageTitle, useLoaded, formatDateTime, platformName, holdsAny
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';

const FORMATS = [['LASTPASS_CSV', 'LastPass CSV'], ['BITWARDEN_CSV', 'Bitwarden CSV'],
    ['BITWARDEN_JSON', 'Bitwarden JSON'], ['BITWARDEN_ENCRYPTED_JSON', 'Bitwarden JSON, password protected'],
    ['KEEPASSXC_CSV', 'KeePassXC CSV'], ['KEEPASS2_XML', 'KeePass 2 XML'], ['ONEPASSWORD_1PUX', '1Password 1PUX'],
    ['ONEPASSWORD_CSV', '1Password CSV'], ['CHROME_CSV', 'Chrome or Edge CSV']];
const ACTIONS = { CREATE: ['New account', 'success'], MERGE: ['New version', 'info'], SKIP: ['Skipped', 'muted'] };

/** The departments the person may import into: every one for DGIT admins, else those they own. */
function importable(session, directory) {
    const all = [...directory.departments.values()];
    return holdsAny(session, ['DGIT_ADMIN']) ? all : all.filter(d => (session.departments || []).includes(d.id));
}

export function NewImportPage() {
    const { session, navigate } = useContext(ConsoleContext);
    usePageTitle('Import');
    const directory = useDirectory(session);
    const [file, setFile] = useState(null);
    const [format, setFormat] = useState('');
    const [departmentId, setDepartmentId] = useState('');
    const [password, setPassword] = useState('');
    const [missing, setMissing] = useState(null);
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        const { data } = await api.imports.upload(file, { format, departmentId }, password);
        setPassword('');
        navigate('/imports/' + encodeURIComponent(data.id));
    });
    const submit = submitted(form, async () => {
        setMissing(file ? null : 'Choose the export file.');
        if (file) {
            await run();
        }
    });
    const errors = error ? error.fieldErrors : {};
    return html`<h1>Import from another password manager</h1>
        <p class="lead">Upload the file LastPass, Bitwarden, KeePass, KeePassXC, 1Password, Chrome or Edge exported.
            You see what would be imported, entry by entry, before anything is stored; how to export from each product
            is in the service's docs/migration.md.</p>
        <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
            <${ProblemMessage} error=${error} />
            <div class=${'field' + (missing || errors.file ? ' field-error' : '')}>
                <label for="import-file">Export file</label>
                <p class="hint" id="import-file-hint">10 MB at most. It is read here and never kept as a file.</p>
                <input id="import-file" type="file" aria-describedby="import-file-hint"
                    aria-invalid=${missing || errors.file ? 'true' : undefined}
                    accept=".csv,.json,.xml,.1pux,.zip" onChange=${e => setFile(e.target.files[0] || null)} />
                ${(missing || errors.file) && html`<p class="error">${missing || errors.file}</p>`}
            </div>
            <${Field} as="select" label="Format" value=${format} onValue=${setFormat} error=${errors.format}>
                <option value="">Tell from the file</option>
                ${FORMATS.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
            <//>
            <${Field} type="password" label="Password of a password-protected export" value=${password}
                onValue=${setPassword} autocomplete="off" error=${errors['X-Import-Password'] || errors.password}
                hint="Only for Bitwarden's password-protected export; leave empty otherwise." />
            <${Field} as="select" label="Department of new accounts" value=${departmentId} onValue=${setDepartmentId}
                hint="You can map each folder of the file to a department next.">
                <option value="">Choose later</option>
                ${importable(session, directory).map(d => html`<option value=${d.id}>${d.name}</option>`)}
            <//>
            <div class="actions"><button type="submit" disabled=${busy}>Upload and preview</button></div>
        </form>`;
}

export function ImportPage({ importId }) {
    const { session, navigate } = useContext(ConsoleContext);
    const directory = useDirectory(session);
    const loaded = useLoaded(() => api.imports.get(importId), [importId]);
    const [shown, setShown] = useState(null);
    const [message, setMessage] = useState(null);
    const [mapping, setMapping] = useState(null);
    usePageTitle('Import preview');
    const preview = shown || loaded.data;
    const edited = mapping || (preview && editable(preview.mapping));
    if (!preview) {
        return html`<h1>Import preview</h1>${loaded.error ? html`<${ProblemMessage} error=${loaded.error}
            states=${{ EXPIRED: 'expired: upload the file again', CANCELLED: 'cancelled', COMMITTED: 'imported' }} />
            <p><${Link} href="/imports">Upload a file<//></p>` : html`<p>Loading…</p>`}`;
    }
    const waiting = preview.state === 'PREVIEW';
    return html`<p class="breadcrumb"><${Link} href="/imports">Import<//></p>
        <h1>${waiting ? 'What the import would do' : 'What the import did'}</h1>
        <${Notice} message=${message} />
        <p class="muted">${preview.formatName}, ${preview.entryCount} entries, ${preview.fileBytes} bytes; SHA-256 <code
            class="digest">${preview.fileDigest}</code>. ${waiting
                ? `It waits until ${formatDateTime(preview.expiresAt)}, then is discarded.` : ''}</p>
        <p class="badges">${Object.entries(ACTIONS).map(([action, [words, tone]]) =>
            html`<${Badge} tone=${tone}>${words}: ${preview.counts[action]}<//> `)}</p>
        ${waiting && html`<${MappingForm} preview=${preview} session=${session} directory=${directory}
            mapping=${edited} setMapping=${setMapping} onPreview=${setShown} />
            <${Decision} preview=${preview} onImported=${done => {
                setShown(done);
                setMessage(`Imported: ${count(done.counts.CREATE, 'account')} created, ${count(done.counts.MERGE,
                    'account')} given a new version, ${count(done.counts.SKIP, 'entry', 'entries')} skipped.`);
            }} onCancelled=${() => navigate('/imports')} />`}
        <${Entries} preview=${preview} directory=${directory} mapping=${waiting ? edited : null}
            setMapping=${setMapping} />`;
}

function count(n, one, many = one + 's') {
    return `${n} ${n === 1 ? one : many}`;
}

/** The mapping as the form edits it: every choice present, empty where none is made. */
function editable(mapping) {
    return { departmentId: mapping.departmentId || '', folders: { ...mapping.folders },
        holders: { ...mapping.holders }, entries: { ...mapping.entries } };
}

function DepartmentChoice({ label, value, onValue, none, error, departments }) {
    return html`<${Field} as="select" label=${label} value=${value || ''} onValue=${onValue} error=${error}>
        <option value="">${none}</option>
        ${departments.map(d => html`<option value=${d.id}>${d.name}</option>`)}
    <//>`;
}

/**
 * The mapping: the default department, each folder's, each department's holders (the entries left out are ticked in
 * the table below); "Preview again" sends it.
 */
function MappingForm({ preview, session, directory, mapping, setMapping, onPreview }) {
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => onPreview(await api.imports.map(preview.id, clean(mapping))));
    const departments = importable(session, directory);
    const used = [...new Set([mapping.departmentId, ...Object.values(mapping.folders)].filter(Boolean))];
    const people = id => [...directory.people.values()].filter(p => p.departmentId === id && p.status === 'ACTIVE');
    const setFolder = (folder, id) => setMapping({ ...mapping, folders: { ...mapping.folders, [folder]: id } });
    const setHolder = (id, role, person) => setMapping({ ...mapping, holders: { ...mapping.holders,
        [id]: { ...(mapping.holders[id] || {}), [role]: person } } });
    const errors = error ? error.fieldErrors : {};
    return html`<form ref=${form} class="stack" onSubmit=${submitted(form, run)} novalidate
            aria-labelledby="mapping-title">
        <h2 id="mapping-title">Where the entries go</h2>
        <${ProblemMessage} error=${error} />
        <${DepartmentChoice} label="Default department" value=${mapping.departmentId} error=${errors.departmentId}
            none="None" departments=${departments} onValue=${v => setMapping({ ...mapping, departmentId: v })} />
        ${preview.folders.map(folder => html`<${DepartmentChoice} label=${'Folder “' + folder + '”'}
            value=${mapping.folders[folder]} error=${errors['folders.' + folder]} none="The default department"
            departments=${departments} onValue=${v => setFolder(folder, v)} />`)}
        ${used.map(id => html`<fieldset>
            <legend>New accounts of ${directory.departmentName(id)}</legend>
            ${[['contentOwnerId', 'Content owner'], ['backupModeratorId', 'Backup moderator']].map(([role, label]) =>
                html`<${Field} as="select" label=${label} value=${mapping.holders[id]?.[role] || ''}
                    error=${errors['holders.' + id + '.' + role]} onValue=${v => setHolder(id, role, v)}>
                    <option value="">Choose a person</option>
                    ${people(id).map(p => html`<option value=${p.id}>${p.name}</option>`)}
                <//>`)}
        </fieldset>`)}
        <div class="actions"><button type="submit" class="secondary" disabled=${busy}>Preview again</button></div>
    </form>`;
}

/** The mapping as the API takes it: no empty choices. */
function clean(mapping) {
    const present = object => Object.fromEntries(Object.entries(object).filter(([, v]) => v));
    return { departmentId: mapping.departmentId || null, folders: present(mapping.folders),
        holders: Object.fromEntries(Object.entries(mapping.holders).filter(([id]) => id)),
        entries: present(mapping.entries) };
}

function Decision({ preview, onImported, onCancelled }) {
    const stored = preview.counts.CREATE + preview.counts.MERGE;
    const commit = useAction(async () => onImported(await api.imports.commit(preview.id)));
    const cancel = useAction(async () => {
        await api.imports.cancel(preview.id);
        onCancelled();
    });
    return html`<section aria-labelledby="decision-title">
        <h2 id="decision-title">Import it</h2>
        <${ProblemMessage} error=${commit.error || cancel.error} />
        <p>${stored === 0 ? 'Nothing would be stored: every entry is skipped (see why below).'
            : `${count(preview.counts.CREATE, 'new account')} and ${count(preview.counts.MERGE, 'new version')} are`
                + ' stored in one step: all of them, or none.'}</p>
        <div class="actions">
            <button type="button" disabled=${commit.busy || stored === 0} onClick=${() => commit.run()}>
                Import ${count(stored, 'entry', 'entries')}</button>
            <button type="button" class="secondary" disabled=${cancel.busy} onClick=${() => cancel.run()}>
                Cancel the import</button>
        </div>
    </section>`;
}

/** Each entry's plan; while the upload waits, each can be left out (ticked, then "Preview again"). */
function Entries({ preview, directory, mapping, setMapping }) {
    const leaveOut = (number, on) => setMapping({ ...mapping, entries: { ...mapping.entries,
        [number]: on ? { skip: true } : undefined } });
    return html`<table class="accounts">
        <caption class="visually-hidden">The entries of the file, in its order</caption>
        <thead><tr><th scope="col">Entry</th><th scope="col">Account</th><th scope="col">Department</th>
            <th scope="col">What happens</th>${mapping && html`<th scope="col">Leave out</th>`}</tr></thead>
        <tbody>${preview.entries.map(e => {
            const [words, tone] = ACTIONS[e.action];
            return html`<tr>
                <td data-label="Entry">${e.number}. ${e.title || '(no title)'}<div class="muted">${e.position}${e.folder
                    ? ', ' + e.folder : ''}${e.hasPassword ? '' : ', no password'}${e.hasTotp ? ', TOTP' : ''}</div></td>
                <td data-label="Account">${e.platform ? platformName(e.platform) + (e.platformName ? ' ('
                    + e.platformName + ')' : '') + ' ' + e.handle : '—'}${e.accountId && html`<div><${Link}
                    href=${'/accounts/' + encodeURIComponent(e.accountId)}>the registered account<//></div>`}</td>
                <td data-label="Department">${e.departmentId ? directory.departmentName(e.departmentId) : '—'}</td>
                <td data-label="What happens"><${Badge} tone=${tone}>${words}<//> ${e.reason}</td>
                ${mapping && html`<td data-label="Leave out"><${Checkbox} label=${'Leave out entry ' + e.number}
                    checked=${Boolean(mapping.entries[e.number]?.skip)} onChecked=${on => leaveOut(e.number, on)} />
                </td>`}
            </tr>`;
        })}</tbody>
    </table>`;
}
