// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * HTTP_GET and SSL_GET: each url in turn on its own connection (as
 * keepalived), GET with a Host header and "Connection: close", the
 * response parsed and its body hashed as it arrives (check/http_parse.h,
 * check/body_check.h).  TLS is openssl, non-blocking, with SNI when
 * enable_sni says so, and certificate verification only with
 * verify_certificate (keepalived never verifies).  connect_timeout bounds
 * the connect and every wait for the server after it.
 */
#include "config.h"

#include <errno.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check/body_check.h"
#include "check/http_parse.h"
#include "check/probe.h"
#include "log.h"
#include "util.h"

enum http_phase { HC_CONNECT, HC_HANDSHAKE, HC_SEND, HC_RECV };

struct http_check {
	struct probe *p;
	bool tls;
	size_t url;
	enum http_phase phase;
	struct tcp_connect tc;
	int fd;
	SSL *ssl;
	ev_io io;
	ev_timer timer;
	char req[2048];
	size_t req_len, req_off;
	struct http_resp resp;
	struct body_check body;
	void *re;
	char host[300];                 /* for SNI and verification */
};

/* -- TLS contexts ------------------------------------------------------------ */

static int
pem_password(char *buf, int size, int rwflag, void *arg)
{
	const char *pw = arg;

	(void)rwflag;
	if (pw == NULL)
		return 0;
	snprintf(buf, (size_t)size, "%s", pw);
	return (int)strlen(buf);
}

void *
tls_ctx_new(const struct lvsd_config *cfg, bool verify)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	const struct cfg_ssl *s = &cfg->ssl;

	if (ctx == NULL)
		return NULL;
	SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	if (s->password != NULL) {
		SSL_CTX_set_default_passwd_cb(ctx, pem_password);
		SSL_CTX_set_default_passwd_cb_userdata(ctx, s->password);
	}
	if (s->certificate != NULL &&
	    (SSL_CTX_use_certificate_chain_file(ctx, s->certificate) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, s->key != NULL ? s->key :
	    s->certificate, SSL_FILETYPE_PEM) != 1))
		log_warn("SSL: cannot load the client certificate %s: %s",
		    s->certificate, ERR_reason_error_string(ERR_get_error()));
	if (verify) {
		if (s->ca != NULL ?
		    SSL_CTX_load_verify_locations(ctx, s->ca, NULL) != 1 :
		    SSL_CTX_set_default_verify_paths(ctx) != 1)
			log_warn("SSL: cannot load CA certificates %s: %s",
			    s->ca != NULL ? s->ca : "(system)",
			    ERR_reason_error_string(ERR_get_error()));
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	} else {
		SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	}
	ERR_clear_error();
	return ctx;
}

void
tls_ctx_free(void *ctx)
{
	SSL_CTX_free(ctx);
}

/* -- one url ------------------------------------------------------------- */

static const char *
host_header(const struct probe *p, const struct cfg_http_url *url)
{
	if (url->virtualhost != NULL)
		return url->virtualhost;
	if (p->ck->virtualhost != NULL)
		return p->ck->virtualhost;
	if (probe_rs(p)->virtualhost != NULL)
		return probe_rs(p)->virtualhost;
	return probe_vs(p)->virtualhost;
}

static void
hc_close(struct http_check *h)
{
	ev_io_stop(probe_loop(h->p), &h->io);
	ev_timer_stop(probe_loop(h->p), &h->timer);
	if (h->phase == HC_CONNECT)
		tcp_connect_cancel(&h->tc);
	if (h->ssl != NULL) {
		SSL_free(h->ssl);
		h->ssl = NULL;
	}
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
	body_check_free(&h->body);
	if (h->re != NULL)
		url_regex_free(h->re);
	h->re = NULL;
}

static void
hc_free(struct http_check *h)
{
	hc_close(h);
	h->p->state = NULL;
	free(h);
}

static void __attribute__((format(printf, 2, 3)))
hc_fail(struct http_check *h, const char *fmt, ...)
{
	struct probe *p = h->p;
	const struct cfg_http_url *url = &p->ck->urls[h->url];
	char why[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	hc_free(h);
	probe_done(p, false, -1, "GET %s: %s", url->path, why);
}

static void hc_begin_url(struct http_check *h);

static void
hc_url_passed(struct http_check *h)
{
	struct probe *p = h->p;
	int status = h->resp.status;

	hc_close(h);
	if (++h->url < p->ck->n_urls) {
		hc_begin_url(h);
		return;
	}
	hc_free(h);
	probe_done(p, true, -1, "status %d", status);
}

static void
hc_arm(struct http_check *h, int events)
{
	struct ev_loop *loop = probe_loop(h->p);

	ev_io_stop(loop, &h->io);
	ev_io_set(&h->io, h->fd, events);
	ev_io_start(loop, &h->io);
	ev_timer_again(loop, &h->timer);
}

/* The TLS error behind a failed call, in words. */
static void
tls_error(struct http_check *h, const char *what)
{
	long vr = SSL_get_verify_result(h->ssl);
	unsigned long e = ERR_get_error();
	char buf[200];

	ERR_clear_error();
	if (vr != X509_V_OK) {
		hc_fail(h, "%s: certificate verify failed: %s", what,
		    X509_verify_cert_error_string(vr));
		return;
	}
	if (e != 0) {
		ERR_error_string_n(e, buf, sizeof(buf));
		hc_fail(h, "%s failed: %s", what, buf);
		return;
	}
	hc_fail(h, "%s failed: %s", what, errno != 0 ?
	    probe_strerror(errno, buf, sizeof(buf)) : "connection closed");
}

/* Map an SSL_* result: true to continue (re-armed or done). */
static bool
tls_wait(struct http_check *h, int rc, const char *what)
{
	switch (SSL_get_error(h->ssl, rc)) {
	case SSL_ERROR_WANT_READ:
		hc_arm(h, EV_READ);
		return true;
	case SSL_ERROR_WANT_WRITE:
		hc_arm(h, EV_WRITE);
		return true;
	default:
		tls_error(h, what);
		return false;
	}
}

static void
hc_on_body(void *arg, const uint8_t *data, size_t len)
{
	body_check_feed(arg, data, len);
}

static void
hc_judge(struct http_check *h)
{
	const struct cfg_http_url *url = &h->p->ck->urls[h->url];
	char reason[200];

	if (url_judge(url, h->re, h->resp.status, &h->body, reason,
	    sizeof(reason)))
		hc_url_passed(h);
	else
		hc_fail(h, "%s", reason);
}

static void
hc_recv(struct http_check *h)
{
	uint8_t buf[16384];

	for (int rounds = 0; rounds < 16; rounds++) {
		ssize_t n;
		enum http_result res;

		if (h->ssl != NULL) {
			int rc = SSL_read(h->ssl, buf, sizeof(buf));

			if (rc <= 0) {
				int e = SSL_get_error(h->ssl, rc);

				if (e == SSL_ERROR_ZERO_RETURN ||
				    (e == SSL_ERROR_SYSCALL &&
				    ERR_peek_error() == 0)) {
					n = 0;  /* closed, with or without
						 * close_notify */
				} else {
					tls_wait(h, rc, "TLS read");
					return;
				}
			} else {
				n = rc;
			}
		} else {
			n = recv(h->fd, buf, sizeof(buf), 0);
			if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
				hc_arm(h, EV_READ);
				return;
			}
			if (n < 0) {
				char e[128];

				hc_fail(h, "%s", probe_strerror(errno, e,
				    sizeof(e)));
				return;
			}
		}
		res = n == 0 ? http_resp_eof(&h->resp) :
		    http_resp_feed(&h->resp, buf, (size_t)n);
		if (res == HTTP_DONE) {
			hc_judge(h);
			return;
		}
		if (res == HTTP_ERROR) {
			hc_fail(h, "bad response: %s", h->resp.error);
			return;
		}
	}
	hc_arm(h, EV_READ);
}

static void
hc_drive(struct http_check *h)
{
	int rc;

	if (h->phase == HC_HANDSHAKE) {
		rc = SSL_connect(h->ssl);
		if (rc != 1) {
			tls_wait(h, rc, "TLS handshake");
			return;
		}
		h->phase = HC_SEND;
	}
	while (h->phase == HC_SEND) {
		const char *b = h->req + h->req_off;
		size_t left = h->req_len - h->req_off;

		if (h->ssl != NULL) {
			rc = SSL_write(h->ssl, b, (int)left);
			if (rc <= 0) {
				tls_wait(h, rc, "TLS write");
				return;
			}
		} else {
			ssize_t n = send(h->fd, b, left, MSG_NOSIGNAL);

			if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
				hc_arm(h, EV_WRITE);
				return;
			}
			if (n < 0) {
				char e[128];

				hc_fail(h, "%s", probe_strerror(errno, e,
				    sizeof(e)));
				return;
			}
			rc = (int)n;
		}
		h->req_off += (size_t)rc;
		if (h->req_off == h->req_len)
			h->phase = HC_RECV;
	}
	hc_recv(h);
}

static void
on_hc_io(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop;
	(void)revents;
	hc_drive(w->data);
}

static void
on_hc_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct http_check *h = w->data;

	(void)loop;
	(void)revents;
	hc_fail(h, "timeout after %u ms", h->p->ck->common.connect_timeout_ms);
}

static bool
is_ip_literal(const char *s)
{
	struct lvsd_addr a;

	return addr_from_string(s, &a);
}

static void
hc_connected(struct tcp_connect *tc, int err)
{
	struct http_check *h = (struct http_check *)((char *)tc -
	    offsetof(struct http_check, tc));
	struct probe *p = h->p;
	char e[128];

	h->phase = HC_SEND;
	if (probe_local_error(err)) {
		hc_free(h);
		probe_defer(p, err);
		return;
	}
	if (err != 0) {
		if (err == ETIMEDOUT)
			hc_fail(h, "timeout after %u ms",
			    p->ck->common.connect_timeout_ms);
		else
			hc_fail(h, "%s", probe_strerror(err, e, sizeof(e)));
		return;
	}
	h->fd = tc->fd;
	tc->fd = -1;
	if (h->tls) {
		SSL_CTX *ctx = checkers_ssl_ctx(p->c, p->ck->verify_cert);
		const char *sni = p->ck->sni_name != NULL ? p->ck->sni_name :
		    h->host;
		const char *vname = p->ck->verify_name != NULL ?
		    p->ck->verify_name : sni;

		h->ssl = ctx != NULL ? SSL_new(ctx) : NULL;
		if (h->ssl == NULL) {
			hc_fail(h, "cannot set up TLS");
			return;
		}
		SSL_set_fd(h->ssl, h->fd);
		if (p->ck->enable_sni && sni[0] != '\0' && !is_ip_literal(sni))
			SSL_set_tlsext_host_name(h->ssl, sni);
		if (p->ck->verify_cert) {
			char ip[INET6_ADDRSTRLEN];

			if (vname[0] != '\0' && !is_ip_literal(vname)) {
				SSL_set1_host(h->ssl, vname);
			} else {
				addr_to_string(&p->addr, ip, sizeof(ip));
				X509_VERIFY_PARAM_set1_ip_asc(
				    SSL_get0_param(h->ssl), ip);
			}
		}
		h->phase = HC_HANDSHAKE;
	}
	hc_drive(h);
}

static void
hc_begin_url(struct http_check *h)
{
	struct probe *p = h->p;
	const struct cfg_http_url *url = &p->ck->urls[h->url];
	const char *vhost = host_header(p, url);
	const char *proto = p->ck->http_protocol != NULL ?
	    p->ck->http_protocol : "1.1";
	char target[INET6_ADDRSTRLEN + 8], err[200];

	if (vhost != NULL) {
		snprintf(target, sizeof(target), "%s", vhost);
	} else {
		addr_port_to_string(&p->addr, p->port, target, sizeof(target));
		if (p->port == (h->tls ? 443 : 80))
			addr_to_string(&p->addr, target, sizeof(target));
		if (p->addr.af == AF_INET6 && p->port == (h->tls ? 443 : 80)) {
			char ip[INET6_ADDRSTRLEN];

			addr_to_string(&p->addr, ip, sizeof(ip));
			snprintf(target, sizeof(target), "[%s]", ip);
		}
	}
	snprintf(h->host, sizeof(h->host), "%s", vhost != NULL ? vhost : "");
	h->req_len = (size_t)snprintf(h->req, sizeof(h->req),
	    "GET %s HTTP/%.3s\r\nUser-Agent: lvsd/" PACKAGE_VERSION "\r\n"
	    "Host: %s\r\nAccept: */*\r\nConnection: close\r\n\r\n",
	    url->path, proto, target);
	if (h->req_len >= sizeof(h->req))
		h->req_len = sizeof(h->req) - 1;
	h->req_off = 0;
	h->fd = -1;
	http_resp_init(&h->resp, hc_on_body, &h->body);
	body_check_init(&h->body, url->digest != NULL, url->regex != NULL);
	if (url->regex != NULL)
		h->re = url_regex_compile(url->regex, err, sizeof(err));
	h->phase = HC_CONNECT;
	tcp_connect_start(&h->tc, p, hc_connected);
}

static void
http_start_common(struct probe *p, bool tls)
{
	struct http_check *h = xcalloc(1, sizeof(*h));
	double t = p->ck->common.connect_timeout_ms / 1000.0;

	h->p = p;
	h->tls = tls;
	h->fd = -1;
	ev_init(&h->io, on_hc_io);
	h->io.data = h;
	ev_init(&h->timer, on_hc_timeout);
	h->timer.repeat = t;
	h->timer.data = h;
	p->state = h;
	hc_begin_url(h);
}

static void
http_start(struct probe *p)
{
	http_start_common(p, false);
}

static void
ssl_start(struct probe *p)
{
	http_start_common(p, true);
}

static void
http_cancel(struct probe *p)
{
	if (p->state != NULL)
		hc_free(p->state);
}

const struct probe_ops probe_http_ops = {
	.name = "HTTP_GET",
	.start = http_start,
	.cancel = http_cancel,
};

const struct probe_ops probe_ssl_ops = {
	.name = "SSL_GET",
	.start = ssl_start,
	.cancel = http_cancel,
};
