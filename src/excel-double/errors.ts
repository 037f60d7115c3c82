/**
 * Errors as Office.js raises them: an `OfficeExtension.Error`-like object with a `code` (the
 * `Excel.ErrorCodes` string), a message and `debugInfo`. The adapter maps them by `code`.
 */
export type DoubleErrorCode =
  | "PropertyNotLoaded"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidReference"
  | "InvalidOperation"
  | "AccessDenied"
  | "ApiNotFound"
  | "GeneralException"
  | "InvalidOperationInCellEditMode"
  | "InvalidSelection"
  | "InactiveWorkbook"
  | "RangeExceedsLimit"
  | "UnsupportedFeature"
  | "ApiNotAvailable"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded";

export class DoubleError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: DoubleErrorCode;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: DoubleErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export function propertyNotLoaded(className: string, property: string): DoubleError {
  return new DoubleError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${className}.${property}`,
  );
}
