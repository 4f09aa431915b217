/** sessionStorage key: the token lasts as long as this tab. */
export const adminTokenKey = "ira:admin-token";

/** The admin token of this tab, if one was entered. */
export function readAdminToken(): string {
  try {
    return sessionStorage.getItem(adminTokenKey) ?? "";
  } catch {
    return "";
  }
}

/** Keeps the token for this tab only; an empty token removes it. */
export function keepAdminToken(token: string) {
  try {
    if (token) sessionStorage.setItem(adminTokenKey, token);
    else sessionStorage.removeItem(adminTokenKey);
  } catch {
    // Without sessionStorage the token lives in the page until reload.
  }
}
