/*
 * The store's own errors. The data-access module turns every SDK
 * exception into one of these, so nothing above it sees an SDK type.
 */

/**
 * The store could not be reached or could not serve the request in
 * time: the engine is down, the network failed, the table is missing,
 * or the request was throttled. Retrying later may succeed.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreUnavailableError";
  }
}

/** An assessment with this id is already stored and has not expired. */
export class AssessmentExistsError extends Error {
  readonly id: string;

  constructor(id: string) {
    super(`An assessment with id ${id} is already stored.`);
    this.name = "AssessmentExistsError";
    this.id = id;
  }
}

/** No live assessment has this id: never stored, deleted or expired. */
export class AssessmentNotFoundError extends Error {
  readonly id: string;

  constructor(id: string) {
    super(`No assessment has id ${id}.`);
    this.name = "AssessmentNotFoundError";
    this.id = id;
  }
}

/**
 * The store refused a request as malformed. This is a defect in our
 * code, not in the client's request, so it is answered with a 500.
 */
export class StoreRequestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreRequestError";
  }
}

/** The assessment already has a live lead. */
export class LeadExistsError extends Error {
  readonly assessmentId: string;

  constructor(assessmentId: string) {
    super(`Assessment ${assessmentId} already has a lead.`);
    this.name = "LeadExistsError";
    this.assessmentId = assessmentId;
  }
}

/** The assessment has no lead: never left, deleted or expired. */
export class LeadNotFoundError extends Error {
  readonly assessmentId: string;

  constructor(assessmentId: string) {
    super(`Assessment ${assessmentId} has no lead.`);
    this.name = "LeadNotFoundError";
    this.assessmentId = assessmentId;
  }
}

/**
 * A lead's delivery was updated by someone else since it was read: its
 * attempts are no longer the ones the update expected.
 */
export class LeadDeliveryChangedError extends Error {
  readonly assessmentId: string;

  constructor(assessmentId: string) {
    super(`The delivery of the lead of ${assessmentId} has changed.`);
    this.name = "LeadDeliveryChangedError";
    this.assessmentId = assessmentId;
  }
}
