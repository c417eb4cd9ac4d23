// Registering an official account: department owners for their departments, DGIT admins for any.
import {
    submitted, html, useState, useRef, useContext, ConsoleContext, Field, ProblemMessage, useAction, usePageTitle,
    PlatformFields
} from '../components.js';
import * as api from '../api.js';
import { useDirectory } from '../directory.js';

export function NewAccountPage() {
    const { session, navigate } = useContext(ConsoleContext);
    usePageTitle('Register an account');
    const directory = useDirectory(session);
    const admin = session.roles.includes('DGIT_ADMIN');
    const departments = [...directory.departments.values()]
        .filter(d => admin || session.departments.includes(d.id));
    const [fields, setFields] = useState({
        departmentId: session.departments.length === 1 && !admin ? session.departments[0] : '', platform: '',
        platformName: '', handle: '', displayName: '', profileUrl: '', contentOwnerId: '', backupModeratorId: '',
        notes: ''
    });
    const set = name => value => setFields({ ...fields, [name]: value });
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        const body = Object.fromEntries(Object.entries(fields).filter(([name, value]) => value !== ''
            && (name !== 'platformName' || fields.platform === 'OTHER')));
        const created = await api.accounts.create(body);
        navigate('/accounts/' + encodeURIComponent(created.data.id));
    });
    const submit = submitted(form, run);
    const errors = error ? error.fieldErrors : {};
    const people = [...directory.people.values()]
        .filter(p => p.status === 'ACTIVE' && (!fields.departmentId || p.departmentId === fields.departmentId));
    const personOptions = html`<option value="">Choose a person</option>
        ${people.map(p => html`<option value=${p.id}>${p.name}</option>`)}`;

    return html`<h1>Register an account</h1>
        <p class="lead">An official account needs a named content owner and a backup moderator from its department.
        Its login is escrowed on the next page.</p>
        <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
            <${ProblemMessage} error=${error} />
            <${Field} as="select" label="Department" value=${fields.departmentId} onValue=${set('departmentId')}
                required error=${errors.departmentId}>
                <option value="">Choose a department</option>
                ${departments.map(d => html`<option value=${d.id}>${d.name}</option>`)}
            <//>
            <${PlatformFields} fields=${fields} set=${set} errors=${errors} />
            <${Field} label="Display name" value=${fields.displayName} onValue=${set('displayName')} required
                maxlength="200" error=${errors.displayName} hint="As people know it, e.g. DGSOM Instagram" />
            <${Field} label="Handle" value=${fields.handle} onValue=${set('handle')} required maxlength="200"
                error=${errors.handle} hint="e.g. @uclahealth" />
            <${Field} label="Profile address" type="url" value=${fields.profileUrl} onValue=${set('profileUrl')}
                maxlength="2000" error=${errors.profileUrl} hint="Optional: https://…" />
            <${Field} as="select" label="Content owner" value=${fields.contentOwnerId} onValue=${set('contentOwnerId')}
                required error=${errors.contentOwnerId}>${personOptions}<//>
            <${Field} as="select" label="Backup moderator" value=${fields.backupModeratorId}
                onValue=${set('backupModeratorId')} required error=${errors.backupModeratorId}>${personOptions}<//>
            <${Field} as="textarea" label="Notes" value=${fields.notes} onValue=${set('notes')} maxlength="4000"
                error=${errors.notes} hint="Optional; not secret: anyone who sees the account sees them." />
            <div class="actions"><button type="submit" disabled=${busy}>Register</button></div>
        </form>`;
}
