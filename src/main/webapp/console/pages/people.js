// People, their roles and sign-ins, and departments: DGIT admins manage them all; department owners, auditors and HR
// staff read what the API lets them (owners: their departments' people, and the accounts each holds).
import {
    submitted, html, useState, useRef, useContext, ConsoleContext, Field, Checkbox, Badge, Link, ProblemMessage,
    useAction, usePageTitle, useAddressFilters, useLoaded, holdsAny, ACCOUNT_READERS, ROLES, roleName, formatDateTime,
    useEffect, useWhenSessionEnds, Notice, OFFBOARDING_STARTERS
} from '../components.js';
import * as api from '../api.js';
import { useDirectory, DepartmentOptions } from '../directory.js';

/** The roles a person can be granted (HR_INTEGRATION is for API tokens only). */
const GRANTABLE = ['DGIT_ADMIN', 'AUDITOR', 'DEPARTMENT_OWNER', 'SUPERVISOR', 'HR_STAFF'];

function signInWords(person) {
    if (!person.username) {
        return 'No sign-in';
    }
    return person.mfa === 'ENROLLED' ? `${person.username}, with an authenticator app` : person.username;
}

export function PeoplePage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('People');
    const directory = useDirectory(session);
    const { filters, change } = useAddressFilters('/people', ['text', 'department', 'role']);
    const [text, setText] = useState(filters.text);
    // Back, forward and the navigation change the address under the page: the box follows it.
    useEffect(() => setText(filters.text), [filters.text]);
    const needle = filters.text.trim().toLowerCase();
    const people = [...directory.people.values()]
        .filter(p => !filters.department || p.departmentId === filters.department)
        .filter(p => !filters.role || p.roles.some(g => g.role === filters.role))
        .filter(p => !needle || [p.name, p.employeeId, p.email, p.username]
            .some(v => v?.toLowerCase().includes(needle)))
        .sort((a, b) => a.name.localeCompare(b.name));
    const admin = session.roles.includes('DGIT_ADMIN');
    return html`<div class="page-head">
            <h1>People</h1>
            <div class="actions">
                <${Link} href="/departments">Departments<//>
                ${admin && html`<${Link} class="button" href="/people/new">Add a person<//>`}
            </div>
        </div>
        <form class="filters" role="search" aria-label="Find people" onSubmit=${e => {
            e.preventDefault();
            change('text', text);
        }}>
            <${Field} label="Search" type="search" value=${text} onValue=${setText}
                hint="Name, employee id, email or username" />
            <${Field} as="select" label="Department" value=${filters.department}
                onValue=${v => change('department', v)}>
                <${DepartmentOptions} directory=${directory} none="All departments" />
            <//>
            <${Field} as="select" label="Role" value=${filters.role} onValue=${v => change('role', v)}>
                <option value="">Any role or none</option>
                ${GRANTABLE.map(role => html`<option value=${role}>${roleName(role)}</option>`)}
            <//>
            <div class="actions"><button type="submit">Search</button></div>
        </form>
        <${ProblemMessage} error=${directory.error} />
        ${!directory.loaded ? !directory.error && html`<p>Loading…</p>`
            : people.length === 0 ? html`<p class="empty" role="status">No person matches.</p>`
            : html`<table class="people">
            <caption class="visually-hidden">People, ${people.length} shown</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Department</th><th scope="col">Roles</th>
                <th scope="col">Sign-in</th></tr></thead>
            <tbody>${people.map(p => html`<tr>
                <td data-label="Name"><${Link} href=${'/people/' + encodeURIComponent(p.id)}>${p.name}<//>
                    <div class="muted">${p.employeeId}</div></td>
                <td data-label="Department">${directory.departmentName(p.departmentId)}</td>
                <td data-label="Roles">${p.roles.map(g => roleName(g.role)).join(', ') || 'none'}</td>
                <td data-label="Sign-in">${p.status !== 'ACTIVE' ? html`<${Badge} tone="muted">
                    ${p.status.toLowerCase()}<//>` : signInWords(p)}</td>
            </tr>`)}</tbody>
        </table>`}`;
}

export function NewPersonPage() {
    const { session, navigate } = useContext(ConsoleContext);
    usePageTitle('Add a person');
    const directory = useDirectory(session);
    const [fields, setFields] = useState({
        employeeId: '', name: '', email: '', departmentId: '', withSignIn: false, username: '', initialPassword: ''
    });
    const set = name => value => setFields(current => ({ ...current, [name]: value }));
    useWhenSessionEnds(() => setFields(current => ({ ...current, initialPassword: '' })));
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        const { withSignIn, username, initialPassword, ...person } = fields;
        const created = await api.directory.createPerson(withSignIn ? { ...person, signIn: { username,
            initialPassword } } : person);
        navigate('/people/' + encodeURIComponent(created.data.id));
    });
    const submit = submitted(form, run);
    const errors = error ? error.fieldErrors : {};
    return html`<p class="breadcrumb"><${Link} href="/people">People<//></p>
        <h1>Add a person</h1>
        <p class="lead">People usually come from HR's system. Add one here when they do not, for example a DGIT
        colleague.</p>
        <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
            <${ProblemMessage} error=${error} />
            <${Field} label="Name" value=${fields.name} onValue=${set('name')} required maxlength="200"
                error=${errors.name} />
            <${Field} label="Employee id" value=${fields.employeeId} onValue=${set('employeeId')} required
                maxlength="64" error=${errors.employeeId} hint="As HR knows them" />
            <${Field} label="Email" type="email" value=${fields.email} onValue=${set('email')} required
                maxlength="254" error=${errors.email} />
            <${Field} as="select" label="Department" value=${fields.departmentId} onValue=${set('departmentId')}
                required error=${errors.departmentId}>
                <${DepartmentOptions} directory=${directory} none="Choose a department" />
            <//>
            <${Checkbox} label="Give them a sign-in now" checked=${fields.withSignIn}
                onChecked=${set('withSignIn')} />
            ${fields.withSignIn && html`<${SignInFields} fields=${fields} set=${set} errors=${errors}
                prefix="signIn." />`}
            <div class="actions"><button type="submit" disabled=${busy}>Add the person</button></div>
        </form>`;
}

function SignInFields({ fields, set, errors, prefix = '' }) {
    return html`<${Field} label="Username" value=${fields.username} onValue=${set('username')} required
            minlength="3" maxlength="64" autocomplete="off" error=${errors[prefix + 'username']} />
        <${Field} label="Initial password" type="password" value=${fields.initialPassword}
            onValue=${set('initialPassword')} required minlength="12" maxlength="1024" autocomplete="new-password"
            error=${errors[prefix + 'initialPassword']}
            hint="At least 12 characters. Give it to them in person; they must change it at their first sign-in." />`;
}

export function PersonPage({ personId }) {
    const { session } = useContext(ConsoleContext);
    const directory = useDirectory(session);
    const loaded = useLoaded(() => api.directory.person(personId), [personId]);
    const person = loaded.data;
    usePageTitle(person ? person.name : 'Person');
    if (!person) {
        return html`<h1>Person</h1>${loaded.error ? html`<${ProblemMessage} error=${loaded.error} />`
            : html`<p>Loading…</p>`}`;
    }
    const admin = session.roles.includes('DGIT_ADMIN');
    const changed = () => {
        loaded.reload();
        directory.reload();
    };
    return html`<p class="breadcrumb"><${Link} href="/people">People<//></p>
        <div class="page-head">
            <h1>${person.name}</h1>
            ${person.status === 'ACTIVE' && holdsAny(session, OFFBOARDING_STARTERS) && html`<${Link} class="button"
                href=${'/offboardings/new?person=' + encodeURIComponent(person.id)}>Start an offboarding<//>`}
        </div>
        <dl class="details">
            <dt>Employee id</dt><dd>${person.employeeId}</dd>
            <dt>Email</dt><dd>${person.email}</dd>
            <dt>Department</dt><dd>${directory.departmentName(person.departmentId)}</dd>
            <dt>Status</dt><dd>${person.status.toLowerCase()}</dd>
            <dt>Sign-in</dt><dd>${signInWords(person)}</dd>
            <dt>Added</dt><dd>${formatDateTime(person.createdAt)}</dd>
        </dl>
        <${Roles} person=${person} admin=${admin} directory=${directory} onChanged=${changed} />
        ${admin && !person.username && person.status === 'ACTIVE'
            && html`<${SignInSetUp} person=${person} onDone=${changed} />`}
        ${holdsAny(session, ACCOUNT_READERS) && html`<${Holdings} person=${person} />`}`;
}

function Roles({ person, admin, directory, onChanged }) {
    const [message, setMessage] = useState(null);
    const revoke = useAction(async grant => {
        setMessage(null);
        await api.directory.revoke(person.id, grant.id);
        setMessage(`${roleName(grant.role)} revoked.`);
        onChanged();
    });
    return html`<section aria-labelledby="roles-title">
        <h2 id="roles-title">Roles</h2>
        <${ProblemMessage} error=${revoke.error} />
        <${Notice} message=${message} />
        ${person.roles.length === 0 ? html`<p>No role: they see only the accounts they hold.</p>` : html`<table>
            <thead><tr><th scope="col">Role</th><th scope="col">Allows</th><th scope="col">Granted</th>
                <th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
            <tbody>${person.roles.map(grant => html`<tr>
                <td data-label="Role">${roleName(grant.role)}${grant.departmentId
                    && html`<div class="muted">${directory.departmentName(grant.departmentId)}</div>`}</td>
                <td data-label="Allows">${ROLES[grant.role]?.allows}</td>
                <td data-label="Granted">${formatDateTime(grant.grantedAt)}
                    <div class="muted">by ${directory.personName(grant.grantedBy)}</div></td>
                <td>${admin && html`<button type="button" class="secondary" disabled=${revoke.busy}
                    onClick=${() => revoke.run(grant)} aria-label=${'Revoke ' + roleName(grant.role)}>Revoke</button>`}
                </td>
            </tr>`)}</tbody>
        </table>`}
        ${admin && person.status === 'ACTIVE' && html`<${GrantForm} person=${person} directory=${directory}
            onStart=${() => setMessage(null)} onGranted=${role => {
                setMessage(`${roleName(role)} granted.`);
                onChanged();
            }} />`}
    </section>`;
}

function GrantForm({ person, directory, onStart, onGranted }) {
    const [role, setRole] = useState('');
    const [departmentId, setDepartmentId] = useState('');
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        onStart();
        await api.directory.grant(person.id, role, ROLES[role]?.scoped ? departmentId : undefined);
        setRole('');
        setDepartmentId('');
        onGranted(role);
    });
    const submit = submitted(form, run);
    const errors = error ? error.fieldErrors : {};
    return html`<form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
        <h3>Grant a role</h3>
        <${ProblemMessage} error=${error} />
        <${Field} as="select" label="Role" value=${role} onValue=${setRole} required error=${errors.role}
            hint=${ROLES[role] ? 'Allows: ' + ROLES[role].allows : 'What each role allows is shown once chosen.'}>
            <option value="">Choose a role</option>
            ${GRANTABLE.map(r => html`<option value=${r}>${roleName(r)}</option>`)}
        <//>
        ${ROLES[role]?.scoped && html`<${Field} as="select" label="Department it covers" value=${departmentId}
            onValue=${setDepartmentId} required error=${errors.departmentId}>
            <${DepartmentOptions} directory=${directory} none="Choose a department" />
        <//>`}
        <div class="actions"><button type="submit" disabled=${busy || !role}>Grant</button></div>
    </form>`;
}

function SignInSetUp({ person, onDone }) {
    const [fields, setFields] = useState({ username: '', initialPassword: '' });
    const set = name => value => setFields(current => ({ ...current, [name]: value }));
    useWhenSessionEnds(() => setFields(current => ({ ...current, initialPassword: '' })));
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        await api.directory.setUpSignIn(person.id, fields.username, fields.initialPassword);
        setFields({ username: '', initialPassword: '' });
        onDone();
    });
    const submit = submitted(form, run);
    return html`<section aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign-in</h2>
        <p>${person.name} cannot sign in yet.</p>
        <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
            <${ProblemMessage} error=${error} />
            <${SignInFields} fields=${fields} set=${set} errors=${error ? error.fieldErrors : {}} />
            <div class="actions"><button type="submit" disabled=${busy}>Set up the sign-in</button></div>
        </form>
    </section>`;
}

/** The accounts a person holds, as content owner or backup moderator (as far as the reader may see them). */
function Holdings({ person }) {
    const held = useLoaded(() => api.accounts.list({ holder: person.id, limit: 200, sort: 'displayName' }),
        [person.id]);
    const items = held.data ? held.data.items : [];
    return html`<section aria-labelledby="holdings-title">
        <h2 id="holdings-title">Accounts held${held.data ? ` (${items.length})` : ''}</h2>
        <${ProblemMessage} error=${held.error} />
        ${held.data && items.length === 0 && html`<p>None that you can see.</p>`}
        ${items.length > 0 && html`<ul class="attention">${items.map(a => html`<li>
            <${Link} href=${'/accounts/' + encodeURIComponent(a.id)}>${a.displayName}<//>
            <span class="muted">${a.contentOwnerId === person.id ? 'content owner' : 'backup moderator'}</span>
        </li>`)}</ul>`}
    </section>`;
}

export function DepartmentsPage() {
    const { session } = useContext(ConsoleContext);
    usePageTitle('Departments');
    const directory = useDirectory(session);
    const departments = [...directory.departments.values()];
    const people = [...directory.people.values()];
    return html`<p class="breadcrumb"><${Link} href="/people">People<//></p>
        <h1>Departments</h1>
        <${ProblemMessage} error=${directory.error} />
        ${!directory.loaded && !directory.error && html`<p>Loading…</p>`}
        ${directory.loaded && html`<table class="departments">
            <thead><tr><th scope="col">Department</th><th scope="col">Code</th><th scope="col">Owners</th>
                <th scope="col">People</th></tr></thead>
            <tbody>${departments.map(d => html`<tr>
                <td data-label="Department"><${Link} href=${'/people?department=' + encodeURIComponent(d.id)}>
                    ${d.name}<//></td>
                <td data-label="Code">${d.code}</td>
                <td data-label="Owners">${people.filter(p => p.roles.some(g => g.role === 'DEPARTMENT_OWNER'
                    && g.departmentId === d.id)).map(p => p.name).join(', ') || 'none: DGIT holds it'}</td>
                <td data-label="People">${people.filter(p => p.departmentId === d.id).length}</td>
            </tr>`)}</tbody>
        </table>`}
        ${session.roles.includes('DGIT_ADMIN') && html`<${NewDepartment} onCreated=${directory.reload} />`}`;
}

function NewDepartment({ onCreated }) {
    const [fields, setFields] = useState({ code: '', name: '' });
    const [created, setCreated] = useState(null);
    const set = name => value => setFields(current => ({ ...current, [name]: value }));
    const form = useRef(null);
    const { busy, error, run } = useAction(async () => {
        setCreated(null);
        await api.directory.createDepartment(fields);
        setCreated(`${fields.name} added.`);
        setFields({ code: '', name: '' });
        onCreated();
    });
    const submit = submitted(form, run);
    const errors = error ? error.fieldErrors : {};
    return html`<section aria-labelledby="new-department-title">
        <h2 id="new-department-title">Add a department</h2>
        <form ref=${form} class="stack narrow" onSubmit=${submit} novalidate>
            <${ProblemMessage} error=${error} />
            <${Notice} message=${created} />
            <${Field} label="Code" value=${fields.code} onValue=${set('code')} required error=${errors.code}
                hint="Short and unique, e.g. RADONC" />
            <${Field} label="Name" value=${fields.name} onValue=${set('name')} required error=${errors.name} />
            <div class="actions"><button type="submit" disabled=${busy}>Add the department</button></div>
        </form>
    </section>`;
}
