/** The HttpOnly cookie that carries a browser's session token (the token also works as a Bearer header). */
export const SESSION_COOKIE = 'lf_session';
