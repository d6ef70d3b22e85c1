//! The stage graph: which stages a stage uses, resolved as Docker resolves names.
//!
//! - `FROM x`: an earlier stage whose name is exactly `x` after expansion with the global ARGs
//!   (so `FROM alpine AS alpine` is the image: a stage cannot be its own base); otherwise an
//!   image (or `scratch`).
//! - `COPY --from=x`: a number is a stage index; otherwise a stage name (any case); otherwise
//!   an image. It cannot hold variables.
//! - `RUN --mount=…,from=x`: a stage name (any case), otherwise an image.
//!
//! A `--from`/`from=` naming the current stage or a later one is refused at parse time, as
//! Docker refuses it when it gets there; so every edge points to an earlier stage, there are
//! no cycles, and file order is a build order.
use super::error::{InstError, MountError, ParseError, ParseErrorKind, TargetError};
use super::instruction::{Instruction, Keyword};
use super::Containerfile;
use std::collections::BTreeSet;

/// Where a `--from` points, before checking it is an earlier stage.
enum Reference {
    Stage(usize),
    BadIndex,
    Image,
}

impl Containerfile {
    /// The stage named `name` (any case).
    pub(crate) fn stage_named(&self, name: &str) -> Option<usize> {
        let name = name.to_lowercase();
        self.stages
            .iter()
            .position(|s| s.name() == Some(name.as_str()))
    }

    /// The stage to build: the one named `target` (`--target`), or the last.
    pub(crate) fn target(&self, target: Option<&str>) -> Result<usize, TargetError> {
        let Some(target) = target else {
            return Ok(self.stages.len() - 1);
        };
        self.stage_named(target).ok_or_else(|| TargetError {
            file: self.name.clone(),
            target: target.to_string(),
            stages: self
                .stages
                .iter()
                .filter_map(|s| s.name().map(str::to_string))
                .collect(),
        })
    }

    /// The earlier stage stage `index` is built on, given its FROM image after expansion;
    /// `None`: an image or `scratch`.
    pub(crate) fn base_stage(&self, index: usize, expanded_image: &str) -> Option<usize> {
        self.stages[..index.min(self.stages.len())]
            .iter()
            .rposition(|s| s.name() == Some(expanded_image))
    }

    fn copy_reference(&self, from: &str) -> Reference {
        match from.parse::<i64>() {
            Ok(n) if (0..self.stages.len() as i64).contains(&n) => Reference::Stage(n as usize),
            Ok(_) => Reference::BadIndex,
            Err(_) => self
                .stage_named(from)
                .map_or(Reference::Image, Reference::Stage),
        }
    }

    /// The stage a `COPY --from` value names; `None`: an image.
    pub(crate) fn copy_source(&self, from: &str) -> Option<usize> {
        match self.copy_reference(from) {
            Reference::Stage(i) => Some(i),
            _ => None,
        }
    }

    /// The stage a `RUN --mount` `from=` names; `None`: an image (or no `from=`).
    pub(crate) fn mount_source(&self, from: &str) -> Option<usize> {
        if from.is_empty() {
            return None;
        }
        self.stage_named(from)
    }

    /// The stages stage `index` uses, ascending: its base (given its FROM image after
    /// expansion), every `COPY --from` stage and every `RUN --mount` `from=` stage. All come
    /// before `index`.
    pub(crate) fn dependencies(&self, index: usize, expanded_image: &str) -> Vec<usize> {
        let Some(stage) = self.stages.get(index) else {
            return Vec::new();
        };
        let mut deps = BTreeSet::new();
        deps.extend(self.base_stage(index, expanded_image));
        for step in &stage.steps {
            match &step.instruction {
                Instruction::Copy(c) => {
                    deps.extend(c.from.as_deref().and_then(|f| self.copy_source(f)));
                }
                Instruction::Run(r) => {
                    deps.extend(r.mounts.iter().filter_map(|m| self.mount_source(&m.from)));
                }
                _ => {}
            }
        }
        deps.into_iter().collect()
    }

    /// Every stage needed to build `target`, target included, in an order that builds each
    /// after the stages it uses (ascending). `expanded_images[i]` is stage `i`'s FROM image
    /// after expansion (missing entries count as images).
    pub(crate) fn stages_for(&self, target: usize, expanded_images: &[String]) -> Vec<usize> {
        let mut needed = BTreeSet::new();
        let mut todo = vec![target];
        while let Some(i) = todo.pop() {
            if i >= self.stages.len() || !needed.insert(i) {
                continue;
            }
            let image = expanded_images.get(i).map_or("", String::as_str);
            todo.extend(self.dependencies(i, image));
        }
        needed.into_iter().collect()
    }

    /// Refuses `--from`/`from=` references to the current stage, a later one, or a stage
    /// number that does not exist.
    pub(super) fn check_references(&self) -> Result<(), ParseError> {
        for stage in &self.stages {
            for step in &stage.steps {
                let fail = |kind| ParseError {
                    file: self.name.clone(),
                    line: step.line,
                    kind,
                };
                match &step.instruction {
                    Instruction::Copy(c) => {
                        let Some(from) = &c.from else { continue };
                        let problem = match self.copy_reference(from) {
                            Reference::Image => continue,
                            Reference::BadIndex => InstError::StageIndex {
                                value: from.clone(),
                                count: self.stages.len(),
                            },
                            Reference::Stage(i) if i == stage.index => InstError::OwnStage {
                                value: from.clone(),
                            },
                            Reference::Stage(i) if i > stage.index => InstError::LaterStage {
                                value: from.clone(),
                                line: self.stages[i].from.line,
                            },
                            Reference::Stage(_) => continue,
                        };
                        return Err(fail(ParseErrorKind::Instruction {
                            instruction: Keyword::Copy,
                            problem,
                        }));
                    }
                    Instruction::Run(r) => {
                        for m in &r.mounts {
                            let error = match self.mount_source(&m.from) {
                                Some(i) if i == stage.index => MountError::OwnStage {
                                    value: m.from.clone(),
                                },
                                Some(i) if i > stage.index => MountError::LaterStage {
                                    value: m.from.clone(),
                                    line: self.stages[i].from.line,
                                },
                                _ => continue,
                            };
                            return Err(fail(ParseErrorKind::Mount {
                                instruction: Keyword::Run,
                                error,
                            }));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}
