import {
  useEffect,
  useEffectEvent,
  useRef,
  useState,
  type FormEvent,
} from "react";

import { content } from "../../generated/content.ts";
import {
  downloadLeadsCsv,
  fetchLeads,
  noFilters,
  type AdminLead,
  type LeadFilters,
} from "./admin-api.ts";
import { interestLabels, sizeLabels } from "./lead-fields.tsx";

interface SectionProps {
  token: string;
  onError: (error: unknown) => void;
}

interface LeadList {
  leads: AdminLead[];
  nextCursor: string | undefined;
  /** Index of the first lead the last "Load more" added. */
  addedFrom?: number;
}

/** Filters, the leads table with "Load more", and the CSV export. */
export function LeadsSection({ token, onError }: SectionProps) {
  const [filters, setFilters] = useState<LeadFilters>(noFilters);
  const [list, setList] = useState<LeadList>();
  const [loading, setLoading] = useState(true);
  const [message, setMessage] = useState("Loading the leads…");
  const [failed, setFailed] = useState("");

  function load(applied: LeadFilters, cursor?: string) {
    setLoading(true);
    setFailed("");
    void fetchAndShow(applied, cursor);
  }

  async function fetchAndShow(applied: LeadFilters, cursor?: string) {
    try {
      const page = await fetchLeads(token, applied, cursor);
      const earlier = cursor ? (list?.leads ?? []) : [];
      const leads = [...earlier, ...page.leads];
      setList({
        leads,
        nextCursor: page.nextCursor,
        addedFrom: cursor ? earlier.length : undefined,
      });
      setMessage(describeCount(leads.length, page.nextCursor !== undefined));
    } catch (error) {
      onError(error);
      setFailed("The leads could not be loaded. Try again in a moment.");
    } finally {
      setLoading(false);
    }
  }

  async function download() {
    setFailed("");
    try {
      const name = await downloadLeadsCsv(token, filters);
      setMessage(`Downloaded ${name}.`);
    } catch (error) {
      onError(error);
      setFailed("The CSV file could not be downloaded. Try again.");
    }
  }

  const loadFirst = useEffectEvent(() => void fetchAndShow(noFilters));
  useEffect(() => loadFirst(), []);

  return (
    <section aria-labelledby="leads-heading" className="admin-section">
      <h2 id="leads-heading">All leads</h2>
      <FilterForm
        disabled={loading}
        onApply={(applied) => {
          setFilters(applied);
          load(applied);
        }}
      />
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => void download()}
        >
          Download CSV
        </button>
      </div>
      <p role="status" className="form-status">
        {loading ? "Loading the leads…" : message}
      </p>
      {failed && (
        <p role="alert" className="form-error">
          {failed}
        </p>
      )}
      {list && <LeadTable list={list} />}
      {list?.nextCursor && (
        <button
          type="button"
          className="button"
          disabled={loading}
          onClick={() => load(filters, list.nextCursor)}
        >
          Load more
        </button>
      )}
    </section>
  );
}

function describeCount(count: number, more: boolean) {
  if (count === 0) return "No leads match these filters.";
  const leads = count === 1 ? "1 lead" : `${count} leads`;
  return more ? `Showing ${leads}; more can be loaded.` : `Showing ${leads}.`;
}

function FilterForm({
  disabled,
  onApply,
}: {
  disabled: boolean;
  onApply: (filters: LeadFilters) => void;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const read = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    onApply({ from: read("from"), to: read("to"), level: read("level") });
  }

  return (
    <form className="admin-filters" aria-label="Filter leads" onSubmit={submit}>
      <div className="field">
        <label htmlFor="filter-from">From</label>
        <input id="filter-from" name="from" type="date" />
      </div>
      <div className="field">
        <label htmlFor="filter-to">To</label>
        <input id="filter-to" name="to" type="date" />
      </div>
      <div className="field">
        <label htmlFor="filter-level">Maturity level</label>
        <select id="filter-level" name="level" defaultValue="">
          <option value="">Any level</option>
          {content.levels.map((level) => (
            <option key={level.id} value={level.id}>
              {level.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={disabled}>
        Apply filters
      </button>
    </form>
  );
}

function LeadTable({ list }: { list: LeadList }) {
  const firstAdded = useRef<HTMLTableCellElement>(null);

  // After "Load more", focus moves to the first new row, so keyboard
  // users carry on reading where the list grew.
  useEffect(() => {
    firstAdded.current?.focus();
  }, [list]);

  return (
    <div
      className="table-scroll"
      role="region"
      aria-label="Leads table"
      tabIndex={0}
    >
      <table className="scores admin-table">
        <caption>Leads, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Name</th>
            <th scope="col">Company</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Size</th>
            <th scope="col">Interest</th>
            <th scope="col">Score</th>
            <th scope="col">Level</th>
            <th scope="col">Delivery</th>
          </tr>
        </thead>
        <tbody>
          {list.leads.map((lead, index) => (
            <tr key={lead.id}>
              <th
                scope="row"
                ref={index === list.addedFrom ? firstAdded : undefined}
                tabIndex={index === list.addedFrom ? -1 : undefined}
              >
                {formatDate(lead.createdAt)}
              </th>
              <td>{lead.name}</td>
              <td>{lead.company}</td>
              <td>{lead.email}</td>
              <td>{lead.role}</td>
              <td>{labelOf(sizeLabels, lead.companySize)}</td>
              <td>{labelOf(interestLabels, lead.interest)}</td>
              <td>{lead.scores.overall.score}</td>
              <td>{levelName(lead.scores.overall.level)}</td>
              <td>{deliveryLabel(lead.delivery.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A date and time in the admin's own locale and time zone. */
export function formatDate(iso: string) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

function labelOf(labels: Record<string, string>, value: string) {
  return labels[value] ?? value;
}

function levelName(id: string) {
  return content.levels.find((level) => level.id === id)?.name ?? id;
}

const deliveryLabels: Record<string, string> = {
  pending: "Pending",
  delivered: "Delivered",
  "dead-letter": "Failed",
};

function deliveryLabel(status: string) {
  return deliveryLabels[status] ?? status;
}
