#!/usr/bin/env bash
# ONLY for machines that cannot pull images. Makes LOOK-ALIKES of the Dockerfiles' base images and TAGS THEM WITH THE
# REAL NAMES (eclipse-temurin:25-jdk, eclipse-temurin:25-jre) in the local Docker engine, built from Debian packages
# (debootstrap) and the JDK 25 installed on this machine, with this machine's CA bundle and the JDK's trust store. They are not the real images:
# Debian instead of Ubuntu, a different JDK build, a jlink'd runtime as the "JRE". Sizes and timings measured on them
# are indicative only. Remove them afterwards with: docker rmi eclipse-temurin:25-jdk eclipse-temurin:25-jre
#
# Usage: scripts/make-lookalike-base-images.sh [--force]   (needs root, debootstrap and a running Docker engine)
set -euo pipefail
cd "$(dirname "$0")/.."

JDK_HOME="${LOOKALIKE_JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
SUITE="${LOOKALIKE_SUITE:-bookworm}"
MIRROR="${LOOKALIKE_MIRROR:-http://deb.debian.org/debian}"
WORK="${LOOKALIKE_WORK:-/var/tmp/allocation-lookalike}"
JAVA_DIR=/opt/java/openjdk
PATH_IN_IMAGE="$JAVA_DIR/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

banner() {
  echo "############################################################################################" >&2
  echo "# $*" >&2
  echo "############################################################################################" >&2
}

if [[ "${1:-}" != "--force" ]] && docker image inspect eclipse-temurin:25-jdk eclipse-temurin:25-jre > /dev/null 2>&1; then
  echo "eclipse-temurin:25-jdk and :25-jre are present already (--force remakes them)"
  exit 0
fi
"$JDK_HOME/bin/java" -version 2>&1 | grep -q 'version "25' || { echo "No JDK 25 at $JDK_HOME (LOOKALIKE_JDK_HOME)" >&2; exit 1; }
command -v debootstrap > /dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }

banner "MAKING LOOK-ALIKE BASE IMAGES tagged eclipse-temurin:25-jdk / :25-jre from Debian $SUITE + $JDK_HOME. NOT THE REAL IMAGES."

rootfs="$WORK/rootfs-$SUITE"
if [[ ! -x "$rootfs/bin/sh" ]]; then
  rm -rf "$rootfs"
  mkdir -p "$WORK"
  # What the Temurin images carry beyond a minimal system: certificates, curl (mvnw downloads Maven with it), tzdata.
  debootstrap --variant=minbase --include=ca-certificates,curl,tzdata "$SUITE" "$rootfs" "$MIRROR"
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
fi

make_image() { # tag, java directory
  local tag=$1 java=$2 stage
  stage=$(mktemp -d "$WORK/stage.XXXXXX")
  cp -a "$rootfs/." "$stage/"
  mkdir -p "$stage$(dirname "$JAVA_DIR")"
  cp -a "$java" "$stage$JAVA_DIR"
  # The JDK's trust store, itself rather than a link into this machine's /etc.
  rm -f "$stage$JAVA_DIR/lib/security/cacerts"
  cp -L "$JDK_HOME/lib/security/cacerts" "$stage$JAVA_DIR/lib/security/cacerts"
  # This machine's trust (its CA bundle; the JDK copied below brings its own trust store): where the registry is
  # unreachable the way out is often a TLS-intercepting proxy whose CA only the host trusts.
  cp /etc/ssl/certs/ca-certificates.crt "$stage/etc/ssl/certs/ca-certificates.crt"
  tar -C "$stage" --numeric-owner -c . | docker import \
    --change "ENV JAVA_HOME=$JAVA_DIR" --change "ENV PATH=$PATH_IN_IMAGE" --change "ENV LANG=C.UTF-8" \
    --change 'CMD ["jshell"]' --message "look-alike of $tag, made by scripts/make-lookalike-base-images.sh" - "$tag"
  rm -rf "$stage"
}

make_image eclipse-temurin:25-jdk "$(readlink -f "$JDK_HOME")"

jre="$WORK/jre"
rm -rf "$jre"
# Every module but the development tools, linked from the JDK's own runtime (JDK 25 needs no jmods for that).
modules=$("$JDK_HOME/bin/java" --list-modules | sed 's/@.*//' \
  | grep -vE '^jdk\.(compiler|javadoc|jdeps|jlink|jpackage|jshell|jartool|jconsole|hotspot\.agent|jdi|jdwp\.agent|jstatd|editpad|internal\.ed|internal\.le|internal\.opt)$' \
  | paste -sd, -)
"$JDK_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$jre"
make_image eclipse-temurin:25-jre "$jre"
rm -rf "$jre"

docker image ls eclipse-temurin
banner "LOOK-ALIKE eclipse-temurin:25-jdk and :25-jre are in the local engine. They are NOT the real images."
