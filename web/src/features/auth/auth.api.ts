import type { Login, LoginReply, User } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

export const login = (body: Login) => apiRequest<LoginReply>('/api/auth/login', { method: 'POST', body });
export const fetchMe = () => apiRequest<User>('/api/auth/me');
export const logout = () => apiRequest<{ ok: boolean }>('/api/auth/logout', { method: 'POST' });
