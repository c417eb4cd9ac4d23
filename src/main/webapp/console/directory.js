// Names for the ids the API answers with: departments and people, where the signed-in person's roles may read the
// directory (DGIT admins, auditors and HR staff: everyone; department owners: their departments). Ids stay ids
// otherwise, so a page never fails for want of a name.
import { html, useState, useEffect, DIRECTORY_READERS } from './components.js';
import * as api from './api.js';

/**
 * The departments (by name) and people the signed-in person may see, with name lookups; {@code loaded} once read,
 * {@code error} if reading failed; {@code reload} after a change.
 */
export function useDirectory(session) {
    const [directory, setDirectory] = useState({
        departments: new Map(), people: new Map(), loaded: false, error: null
    });
    const [version, setVersion] = useState(0);
    useEffect(() => {
        if (!DIRECTORY_READERS.some(r => session.roles.includes(r))) {
            return;
        }
        Promise.all([api.directory.departments(), api.directory.people()])
            .then(([departments, people]) => setDirectory({
                departments: new Map([...departments].sort((a, b) => a.name.localeCompare(b.name))
                    .map(d => [d.id, d])),
                people: new Map(people.map(p => [p.id, p])), loaded: true, error: null
            }))
            .catch(error => setDirectory(current => ({ ...current, error })));
    }, [session.id, version]);
    return {
        ...directory,
        reload: () => setVersion(v => v + 1),
        departmentName: id => directory.departments.get(id)?.name || departmentWords(id, session),
        personName: id => personName(id, session, directory.people)
    };
}

/** The options of a department choice, by name, after a first option saying what choosing none means. */
export function DepartmentOptions({ directory, none }) {
    return html`<option value="">${none}</option>
        ${[...directory.departments.values()].map(d => html`<option value=${d.id}>${d.name}</option>`)}`;
}

/** A department the person may not read by name, said by what it is to them; else its id. */
function departmentWords(id, session) {
    if (id && id === session.departmentId) {
        return 'Your department';
    }
    return (session.supervisedDepartments || []).includes(id) ? 'A department you supervise' : id;
}

/** A person's name from an id or an audit name ("person:<id>", "token:<id>"); the id where the name is unknown. */
function personName(id, session, people) {
    if (!id) {
        return 'nobody';
    }
    const colon = id.indexOf(':');
    const [kind, rest] = colon < 0 ? ['person', id] : [id.slice(0, colon), id.slice(colon + 1)];
    if (kind === 'token') {
        return 'an API token';
    }
    if (kind !== 'person') {
        return id;
    }
    return rest === session.id ? `${session.name} (you)` : people.get(rest)?.name || rest;
}
