//! nginx in front of the same dynos, when it is installed: one plain and one HTTPS port per
//! dyno, upstream keep-alive, the headers the router adds, no access log.

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::tls::Certificate;
use super::{free_port, on_path, terminate, wait_for};

pub struct Nginx {
    child: Child,
    /// Per dyno, in the order given: the plain HTTP port.
    pub addrs: Vec<SocketAddr>,
    /// Per dyno: the HTTPS port.
    pub tls_addrs: Vec<SocketAddr>,
}

impl Nginx {
    pub fn start(dir: &Path, dynos: &[SocketAddr], cert: &Certificate) -> Option<Nginx> {
        let bin = on_path("nginx")?;
        std::fs::write(dir.join("cert.pem"), &cert.cert_pem).ok()?;
        std::fs::write(dir.join("key.pem"), &cert.key_pem).ok()?;
        let (mut addrs, mut tls_addrs) = (vec![], vec![]);
        let mut servers = String::new();
        for (i, dyno) in dynos.iter().enumerate() {
            let addr: SocketAddr = ([127, 0, 0, 1], free_port()?).into();
            let tls_addr: SocketAddr = ([127, 0, 0, 1], free_port()?).into();
            addrs.push(addr);
            tls_addrs.push(tls_addr);
            servers.push_str(&format!(
                "upstream dyno{i} {{ server {dyno}; keepalive 128; }}\n\
                 server {{\n\
                   listen {addr};\n\
                   listen {tls_addr} ssl;\n\
                   ssl_certificate {dir}/cert.pem;\n\
                   ssl_certificate_key {dir}/key.pem;\n\
                   location / {{\n\
                     proxy_pass http://dyno{i};\n\
                     proxy_http_version 1.1;\n\
                     proxy_set_header Connection \"\";\n\
                     proxy_set_header Host $host;\n\
                     proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
                     proxy_set_header X-Forwarded-Proto $scheme;\n\
                     proxy_set_header X-Request-Id $request_id;\n\
                   }}\n\
                 }}\n",
                dir = dir.display()
            ));
        }
        let conf = format!(
            "worker_processes auto;\n\
             daemon off;\n\
             pid {dir}/nginx.pid;\n\
             error_log {dir}/error.log;\n\
             events {{ worker_connections 4096; }}\n\
             http {{\n\
               access_log off;\n\
               client_body_temp_path {dir}/body;\n\
               proxy_temp_path {dir}/proxy;\n\
               fastcgi_temp_path {dir}/fastcgi;\n\
               uwsgi_temp_path {dir}/uwsgi;\n\
               scgi_temp_path {dir}/scgi;\n\
               {servers}\
             }}\n",
            dir = dir.display()
        );
        let path = dir.join("nginx.conf");
        std::fs::write(&path, conf).ok()?;
        let child = Command::new(&bin)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        // From here on, dropping `nginx` stops it.
        let nginx = Nginx {
            child,
            addrs,
            tls_addrs,
        };
        let all = nginx.addrs.iter().chain(&nginx.tls_addrs);
        if !all.into_iter().all(|a| wait_for(*a)) {
            eprintln!(
                "nginx did not start: {}",
                std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
            );
            return None;
        }
        Some(nginx)
    }
}

impl Nginx {
    /// Its processes, for their CPU time.
    pub fn cpu(&self) -> super::cpu::Whose {
        super::cpu::Whose::Processes(self.child.id())
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}
