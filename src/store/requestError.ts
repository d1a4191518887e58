// Why a request to the map's HTTP API failed, for the person: the server's status (0: no connection),
// and the refusal it gave (a code and params, said in the reader's language by
// src/panels/serverErrors.ts). Thrown by the workshop and comments clients (src/app).
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
